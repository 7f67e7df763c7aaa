import { describe, expect, it } from "vitest";
import { base64UrlEncode, encodeUnsecuredJws, policyHash, policyTokenHash } from "@maa-policy/tokens";

const draft = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
// The token the JS SDK sent for `draft` (spec §4.1) and the hash the service answered (§4.4).
const sdkToken =
  "eyJhbGciOiJub25lIn0.eyJBdHRlc3RhdGlvblBvbGljeSI6ImRtVnljMmx2YmoweExqQTdJR0YxZEdodmNtbDZZWFJwYjI1eWRXeGxjM3M5UGlCd1pYSnRhWFFvS1R0OU95QnBjM04xWVc1alpYSjFiR1Z6ZTMwNyJ9.";

describe("hashes", () => {
  it("computes x-ms-policy-hash of the draft policy (spec §4.5)", () => {
    expect(policyHash(draft)).toBe("z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU");
  });

  it("computes x-ms-policy-token-hash of the SDK's token (spec §4.4)", () => {
    expect(policyTokenHash(sdkToken)).toBe("c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ");
  });

  it("builds the SDK's unsecured token byte for byte", () => {
    expect(encodeUnsecuredJws({ alg: "none" }, { AttestationPolicy: base64UrlEncode(draft) })).toBe(sdkToken);
  });

  it("encodes an empty payload as the reset token", () => {
    expect(encodeUnsecuredJws({ alg: "none" }, {})).toBe("eyJhbGciOiJub25lIn0.e30.");
  });
});
