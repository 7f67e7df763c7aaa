import { describe, expect, it } from "vitest";
import { claimsFromEvidence, type EnclaveData } from "@maa-policy/evidence";
import { draftToken, evaluatePolicy } from "@maa-policy/evaluator";
import { base64UrlEncode, policyHash } from "@maa-policy/tokens";
import { pki } from "../../packages/evidence/test/support/pki.js";
import { boundReportData, buildQuote } from "../../packages/evidence/test/support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const POLICY = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
const testPki = await pki();
const runtime = new TextEncoder().encode('{"jwk":{"kty":"EC","crv":"P-256"}}');
const hex = (bytes: Uint8Array) => Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");

/** The draft token body for a test quote bound to the runtime data, under a permit-all policy. */
async function draftBody(runtimeData: EnclaveData): Promise<Record<string, unknown>> {
  const reportData = boundReportData(runtime);
  const quote = await buildQuote({ pki: testPki, debug: true, productId: 7, svn: 3, reportData });
  const evidence = await claimsFromEvidence({
    evidence: quote.bytes,
    rootPublicKey: testPki.rootPublicKey,
    now: NOW,
    runtimeData,
  });
  if (!evidence.ok) throw new Error(evidence.error.message);
  const evaluated = await evaluatePolicy(POLICY, evidence.claims);
  if (!evaluated.ok) throw new Error("the policy does not load");
  const token = draftToken(evaluated.result, { policyText: POLICY, now: 1000, jti: "j" });
  if (!token.ok) throw new Error(token.error.message);
  return token.body;
}

describe("evidence claims in the draft token (one rule: evidenceTokenClaims)", () => {
  it("keeps the token's names and types, drops the $ aliases and carries JSON runtime data as JSON", async () => {
    const body = await draftBody({ data: runtime, dataType: "json" });
    const { "x-ms-sgx-mrsigner": mrsigner, "x-ms-sgx-mrenclave": mrenclave, ...rest } = body;
    expect(mrsigner).toMatch(/^[0-9a-f]{64}$/);
    expect(mrenclave).toMatch(/^[0-9a-f]{64}$/);
    expect(rest).toEqual({
      exp: 1000 + 8 * 3600,
      iat: 1000,
      iss: "https://localhost",
      jti: "j",
      nbf: 1000,
      "x-ms-attestation-type": "sgx",
      "x-ms-policy-hash": policyHash(POLICY),
      "x-ms-runtime": { jwk: { kty: "EC", crv: "P-256" } },
      "x-ms-sgx-is-debuggable": true,
      "x-ms-sgx-product-id": 7,
      "x-ms-sgx-report-data": hex(boundReportData(runtime)),
      "x-ms-sgx-svn": 3,
      "x-ms-sgx-tcbidentifier": "azuredefault",
      "x-ms-ver": "1.0",
    });
  });

  it("carries binary runtime data as the enclave held data under x-ms-sgx-ehd and the 2021 names", async () => {
    const body = await draftBody({ data: runtime, dataType: "binary" });
    const ehd = base64UrlEncode(runtime);
    expect([body["x-ms-sgx-ehd"], body["maa-ehd"], body["aas-ehd"]]).toEqual([ehd, ehd, ehd]);
    expect(Object.keys(body).filter((key) => key.startsWith("$") || key.endsWith("-ehd"))).toEqual([
      "aas-ehd",
      "maa-ehd",
      "x-ms-sgx-ehd",
    ]);
  });
});
