import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "@noble/hashes/sha2.js";
import { claimsFromEvidence, decodeEvidence, type EvidenceRequest } from "@maa-policy/evidence";
import { draftToken, evaluatePolicy } from "@maa-policy/evaluator";
import { decomposeJws, payloadObject } from "@maa-policy/tokens";
import { expect, it } from "vitest";
import { expectRecordedClaims } from "./recorded-claims.js";
import { CORPUS_DIR, GROUND_TRUTH_DIR, describeShared } from "./shared.js";

const text = (name: string) => readFileSync(join(GROUND_TRUTH_DIR, name), "utf8").trim();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function tokenClaims(name: string): Record<string, unknown> {
  const parts = decomposeJws(text(name));
  if (!parts.ok) throw new Error(parts.error.message);
  const payload = payloadObject(parts.value);
  if (!payload.ok) throw new Error(payload.error.message);
  return payload.value;
}

function bytesOf(evidence: string): Uint8Array {
  const decoded = decodeEvidence(evidence);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value.bytes;
}

describeShared("evidence against the recorded service", () => {
  const report = text("openenclave-report.b64url");
  const quote = text("sgx-quote.b64url");
  const runtime = bytesOf(text("runtime-data.b64url"));
  const openEnclaveToken = tokenClaims("java-rec-attest-openenclave-shared-default-policy.jwt");
  const draftRecorded = tokenClaims("java-rec-draftpolicy-attest-sgx.jwt");
  const quoteBytes = bytesOf(quote);
  // The service attested these at the tokens' iat; the PCK certificate expires in 2028.
  const now = new Date((openEnclaveToken["iat"] as number) * 1000);
  const collateral = (claims: Record<string, unknown>) =>
    (claims["x-ms-sgx-collateral"] as Record<string, string>).quotehash;

  it("the recorded bytes are the ones the service attested: SHA-256 equals its recorded quotehash", () => {
    expect(hex(sha256(bytesOf(report)))).toBe(collateral(openEnclaveToken));
    expect(hex(sha256(quoteBytes))).toBe(collateral(draftRecorded));
  });

  it("the quote file is the report without its 16-byte header", () => {
    expect(hex(quoteBytes)).toBe(hex(bytesOf(report).subarray(16)));
  });

  it("the OpenEnclave report with binary runtime data is recognised and hashed as the service did", async () => {
    const result = await claimsFromEvidence({
      evidence: report,
      runtimeData: { data: runtime, dataType: "binary" },
      now,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.kind).toBe("openenclave");
    expect(result.verification.quoteHash).toBe(collateral(openEnclaveToken));
  });

  it("the SGX quote with JSON runtime data is recognised and hashed as the service did", async () => {
    const result = await claimsFromEvidence({
      evidence: quoteBytes,
      runtimeData: { data: runtime, dataType: "json" },
      now,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.kind).toBe("sgx");
    expect(result.verification.quoteHash).toBe(collateral(draftRecorded));
  });

  it("JSON runtime data becomes x-ms-runtime as the service wrote it, keys sorted and no whitespace (§8.1)", async () => {
    const payload = (token: string) => {
      const parts = decomposeJws(token);
      if (!parts.ok) throw new Error(parts.error.message);
      return new TextDecoder().decode(parts.value.payload);
    };
    const recorded = JSON.stringify(draftRecorded["x-ms-runtime"]);
    // The recorded token's own bytes hold exactly this text.
    expect(payload(text("java-rec-draftpolicy-attest-sgx.jwt"))).toContain(`"x-ms-runtime":${recorded},`);
    const result = await claimsFromEvidence({
      evidence: quoteBytes,
      runtimeData: { data: runtime, dataType: "json" },
      now,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.claims.find((c) => c.type === "x-ms-runtime")?.value).toBe(recorded);
    const policy = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
    const evaluated = await evaluatePolicy(policy, result.claims);
    if (!evaluated.ok) throw new Error("the draft policy does not load");
    const token = draftToken(evaluated.result, { policyText: policy, now: 0 });
    if (!token.ok) throw new Error(token.error.message);
    expect(payload(token.token)).toContain(`"x-ms-runtime":${recorded},`);
  });

  it("its signatures verify up to the pinned Intel SGX Root CA key", async () => {
    const result = await claimsFromEvidence({ evidence: quoteBytes, now });
    expect(result.ok && result.verification).toMatchObject({
      pckChain: "verified",
      qeReportSignature: "verified",
      attestationKeyBinding: "verified",
      enclaveReportSignature: "verified",
    });
    expect(result.ok && result.verification.pckCertificates.map((c) => c.subject.split(",")[0])).toEqual([
      "CN=Intel SGX PCK Certificate",
      "CN=Intel SGX PCK Processor CA",
      "CN=Intel SGX Root CA",
    ]);
  });

  const failing = async (request: Partial<EvidenceRequest>) => {
    const result = await claimsFromEvidence({ evidence: quoteBytes, now, ...request });
    return result.ok ? "ok" : result.error.id;
  };

  it("a bit flipped in each byte of the header and body, of each signature and of the key fails in its own way", async () => {
    const flip = (at: number) => {
      const copy = new Uint8Array(quoteBytes);
      copy[at] ^= 1 << (at % 8);
      return copy;
    };
    const region = async (start: number, end: number) => {
      const ids = new Set<string>();
      for (let at = start; at < end; at++) ids.add(await failing({ evidence: flip(at) }));
      return [...ids];
    };
    expect(await region(0, 2)).toEqual(["quote-version"]);
    expect(await region(2, 4)).toEqual(["attestation-key-type"]);
    expect(await region(4, 432)).toEqual(["enclave-report-signature"]);
    expect(await region(436, 500)).toEqual(["enclave-report-signature"]);
    expect(await region(500, 564)).toEqual(["attestation-key-binding"]);
    expect(await region(564, 1012)).toEqual(["qe-report-signature"]);
    expect(await region(1014, 1046)).toEqual(["attestation-key-binding"]);
  });

  it("a truncated quote, a wrong runtime data and another root each fail with their own error", async () => {
    expect(await failing({ evidence: quoteBytes.subarray(0, 2000) })).toBe("signature-data-length");
    const other = new TextEncoder().encode("not the runtime data");
    expect(await failing({ runtimeData: { data: other, dataType: "binary" } })).toBe("runtime-data-binding");
    const foreign = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ]);
    const rootPublicKey = new Uint8Array(await crypto.subtle.exportKey("raw", foreign.publicKey));
    expect(await failing({ rootPublicKey })).toBe("pck-chain-root");
    expect(await failing({ now: new Date("2028-04-22T00:00:00Z") })).toBe("pck-chain-validity");
  });

  it("under the 2021 default policy the report's token carries every claim of the recorded one", async () => {
    const file = readdirSync(CORPUS_DIR).find((name) => name.startsWith("20-"))!;
    const policy = readFileSync(join(CORPUS_DIR, file), "utf8");
    const evidence = await claimsFromEvidence({
      evidence: report,
      runtimeData: { data: runtime, dataType: "binary" },
      now,
    });
    if (!evidence.ok) throw new Error(evidence.error.message);
    const evaluated = await evaluatePolicy(policy, evidence.claims);
    if (!evaluated.ok) throw new Error("corpus 20 does not load");
    const token = draftToken(evaluated.result, {
      policyText: policy,
      now: openEnclaveToken["iat"] as number,
      issuer: openEnclaveToken["iss"] as string,
    });
    if (!token.ok) throw new Error(token.error.message);
    expectRecordedClaims(token.body, openEnclaveToken);
  });

  it("under the draft policy the quote's draft token carries every claim of the recorded one", async () => {
    const policy = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
    const evidence = await claimsFromEvidence({
      evidence: quoteBytes,
      runtimeData: { data: runtime, dataType: "json" },
      now,
    });
    if (!evidence.ok) throw new Error(evidence.error.message);
    const evaluated = await evaluatePolicy(policy, evidence.claims);
    if (!evaluated.ok) throw new Error("the draft policy does not load");
    const token = draftToken(evaluated.result, {
      policyText: policy,
      now: draftRecorded["iat"] as number,
      issuer: draftRecorded["iss"] as string,
    });
    if (!token.ok) throw new Error(token.error.message);
    expectRecordedClaims(token.body, draftRecorded);
  });
});
