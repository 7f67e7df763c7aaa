import { expect, test } from "vitest";
import { DEFAULT_POLICIES, SGX_DEFAULT_POLICY, loadPolicy } from "@maa-policy/evaluator";
import { policyHash } from "@maa-policy/tokens";

test("the SGX default policy is the service's 2022 default, byte for byte (its recorded x-ms-policy-hash)", async () => {
  expect(policyHash(SGX_DEFAULT_POLICY)).toBe("ViVGS4BYl70X8eUrgryHg0TtbEk9WtIc6DtTBEFxaWc");
  expect((await loadPolicy(SGX_DEFAULT_POLICY)).ok).toBe(true);
});

test("SGX and OpenEnclave share it; the other types have none", () => {
  expect(Object.entries(DEFAULT_POLICIES).map(([type, text]) => [type, text === SGX_DEFAULT_POLICY])).toEqual(
    [
      ["SgxEnclave", true],
      ["OpenEnclave", true],
      ["Tpm", false],
      ["SevSnpVm", false],
      ["TdxVm", false],
      ["AzureGuest", false],
    ],
  );
  expect(DEFAULT_POLICIES.Tpm).toBeUndefined();
});
