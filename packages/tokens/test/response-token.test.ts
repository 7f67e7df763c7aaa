import { describe, expect, it } from "vitest";
import {
  createUnsignedPolicyToken,
  decodePolicyResult,
  encodeUnsecuredJws,
  UNSIGNED_RESET_TOKEN,
} from "@maa-policy/tokens";

const draft = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
const response = (claims: object) => encodeUnsecuredJws({ alg: "none" }, claims);

describe("decodePolicyResult", () => {
  it("reads a set-policy result", () => {
    const result = decodePolicyResult(
      response({ "x-ms-policy-result": "Updated", "x-ms-policy-token-hash": "abc" }),
    );
    expect(
      result.ok && [result.value.result, result.value.policyTokenHash, result.value.storedPolicy],
    ).toEqual(["Updated", "abc", undefined]);
  });

  it("decodes the stored policy of a GET response", () => {
    const result = decodePolicyResult(response({ "x-ms-policy": createUnsignedPolicyToken(draft) }));
    expect(result.ok && result.value.storedPolicy?.policy).toBe(draft);
  });

  it("decodes a GET response for a type with no policy", () => {
    const result = decodePolicyResult(response({ "x-ms-policy": UNSIGNED_RESET_TOKEN }));
    expect(result.ok && result.value.storedPolicy?.policy).toBe(null);
  });

  it.each([
    ["a non-string x-ms-policy", { "x-ms-policy": 1 }, "Server returned an invalid getPolicy response!"],
    [
      "a broken stored token",
      { "x-ms-policy": "abc" },
      'The stored policy token in "x-ms-policy" is invalid: Malformed JWT: Could not find first period in the token.',
    ],
  ])("rejects %s", (_name, claims, message) => {
    const result = decodePolicyResult(response(claims));
    expect(!result.ok && result.error).toEqual({ code: "InvalidOperation", message, status: 400 });
  });
});
