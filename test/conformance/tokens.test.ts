import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createUnsignedPolicyToken,
  decodePolicyResult,
  decodePolicyToken,
  decomposeJws,
  payloadObject,
  policyHash,
  policyTokenHash,
  verifyJws,
} from "@maa-policy/tokens";
import { expect, it } from "vitest";
import { CORPUS_DIR, GROUND_TRUTH_DIR, describeShared } from "./shared.js";

/** The recorded files end in a newline that was not part of what the service sent. */
const token = (name: string) => readFileSync(join(GROUND_TRUTH_DIR, name), "utf8").trimEnd();
const corpus = (number: string) => {
  const file = readdirSync(CORPUS_DIR).find((name) => name.startsWith(`${number}-`))!;
  return readFileSync(join(CORPUS_DIR, file), "utf8");
};
const draft = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";

function claims(name: string): Readonly<Record<string, unknown>> {
  const parts = decomposeJws(token(name));
  if (!parts.ok) throw new Error(parts.error.message);
  const payload = payloadObject(parts.value);
  if (!payload.ok) throw new Error(payload.error.message);
  return payload.value;
}

describeShared("tokens against the recorded service", () => {
  it("builds the JS SDK's set-policy request byte for byte", () => {
    expect(createUnsignedPolicyToken(draft)).toBe(token("js-rec-set-policy-request.jwt"));
  });

  it("predicts the x-ms-policy-token-hash the service answered", () => {
    const response = decodePolicyResult(token("js-rec-set-policy-response.jwt"));
    expect(response.ok && [response.value.result, response.value.policyTokenHash]).toEqual([
      "Updated",
      policyTokenHash(token("js-rec-set-policy-request.jwt")),
    ]);
    expect(response.ok && response.value.policyTokenHash).toBe("c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ");
  });

  it("decodes the stored policy of a GET response to corpus 20 and its recorded hash", () => {
    const response = decodePolicyResult(token("java-rec-getpolicy-openenclave-shared.jwt"));
    const stored = response.ok ? response.value.storedPolicy : undefined;
    expect(stored?.policy).toBe(corpus("20"));
    expect(stored?.policyHash).toBe("bROrN897ZfWmWY2V0FLUlu3uwk5xatGnKYHn3zBbSlw");
    expect(claims("java-rec-attest-openenclave-shared-default-policy.jwt")["x-ms-policy-hash"]).toBe(
      stored?.policyHash,
    );
  });

  it.each([
    ["java-rec-draftpolicy-attest-sgx.jwt", () => draft],
    ["cpp-rec-draftpolicy-attest-sgx-shared.jwt", () => corpus("32")],
  ])("computes the x-ms-policy-hash recorded in %s", (name, text) => {
    expect(policyHash(text())).toBe(claims(name)["x-ms-policy-hash"]);
  });

  it("rejects the default SGX policy sent as a token exactly as the service does (spec §3.2)", () => {
    const text = corpus("20");
    const result = decodePolicyToken(text);
    expect(!result.ok && result.error).toEqual({
      code: "InvalidOperation",
      message: "Unknown base64 character: 41 (')')",
      status: 400,
    });
    expect(!result.ok && result.location && text[result.location.offset]).toBe(")");
  });

  it("decodes the docs' unsigned example to corpus 04", () => {
    const result = decodePolicyToken(token("docs-policy-examples-unsigned.jwt"));
    expect(result.ok && result.value.policy).toBe(corpus("04"));
    expect(result.warnings).toEqual([]);
  });

  it("decodes the docs' signed example (alg RSA256) to corpus 05, with a warning", () => {
    const result = decodePolicyToken(token("docs-policy-examples-signed.jwt"));
    expect(result.ok && [result.value.policy, result.value.algorithm]).toEqual([corpus("05"), "RS256"]);
    expect(result.warnings).toEqual([
      {
        code: "nonstandard-algorithm",
        message:
          '"RSA256" is not a JOSE algorithm name (did you mean "RS256"?); the token decodes, but verification refuses it.',
      },
    ]);
  });

  it("refuses to verify the docs' signed example, suggesting RS256", async () => {
    const parts = decomposeJws(token("docs-policy-examples-signed.jwt"));
    if (!parts.ok) throw new Error(parts.error.message);
    expect(await verifyJws(parts.value, { now: new Date("2021-01-01T00:00:00Z") })).toEqual({
      ok: false,
      error: {
        code: "InvalidOperation",
        message: 'Unsupported JWS algorithm "RSA256": did you mean "RS256"? Use one of none, RS256, ES256.',
        status: 400,
      },
      location: { offset: 0, segment: "header" },
      warnings: [],
    });
  });
});
