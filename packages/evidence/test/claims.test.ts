import { describe, expect, it } from "vitest";
import { base64UrlEncode } from "@maa-policy/tokens";
import { claimsFromEvidence, JSON_VALUED_CLAIM_TYPES, type EvidenceRequest } from "@maa-policy/evidence";
import { pki, type Pki } from "./support/pki.js";
import { boundReportData, buildQuote, fill, type QuoteSpec } from "./support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const testPki: Pki = await pki();
const runtime = new TextEncoder().encode('{"jwk":{"kty":"EC","crv":"P-256"}}');

async function claimsOf(spec: Omit<QuoteSpec, "pki">, request: Partial<EvidenceRequest> = {}) {
  const quote = await buildQuote({ pki: testPki, ...spec });
  const result = await claimsFromEvidence({
    evidence: quote.bytes,
    rootPublicKey: testPki.rootPublicKey,
    now: NOW,
    ...request,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const s = (type: string, value: string) => ({
  type,
  value,
  valueType: "String",
  issuer: "AttestationService",
});
const i = (type: string, value: number) => ({
  type,
  value,
  valueType: "Integer",
  issuer: "AttestationService",
});
const b = (type: string, value: boolean) => ({
  type,
  value,
  valueType: "Boolean",
  issuer: "AttestationService",
});

const E1 = "e1".repeat(32);
const S51 = "51".repeat(32);

function baseClaims(debug: boolean, reportData = "00".repeat(64)) {
  return {
    head: [
      b("x-ms-sgx-is-debuggable", debug),
      i("x-ms-sgx-product-id", 7),
      s("x-ms-sgx-mrsigner", S51),
      s("x-ms-sgx-mrenclave", E1),
      i("x-ms-sgx-svn", 3),
      s("x-ms-sgx-report-data", reportData),
    ],
    tail: [
      b("$is-debuggable", debug),
      i("$product-id", 7),
      s("$sgx-mrsigner", S51),
      s("$sgx-mrenclave", E1),
      i("$svn", 3),
      s("$tee", "sgx"),
    ],
  };
}

describe("incoming claims of test-built evidence", () => {
  for (const version of [3, 4] as const) {
    for (const debug of [false, true]) {
      for (const openEnclave of [false, true]) {
        it(`quote v${version}, ${debug ? "debug" : "release"}, ${openEnclave ? "OpenEnclave report" : "bare quote"}`, async () => {
          const result = await claimsOf({ version, debug, openEnclave, productId: 7, svn: 3 });
          const { head, tail } = baseClaims(debug);
          expect(result.kind).toBe(openEnclave ? "openenclave" : "sgx");
          expect(result.claims).toEqual([...head, s("x-ms-attestation-type", "sgx"), ...tail]);
          expect(result.warnings).toEqual([]);
        });
      }
    }
  }

  it("binary runtime data gives the enclave held data and its four legacy aliases", async () => {
    const result = await claimsOf(
      { productId: 7, svn: 3, reportData: boundReportData(runtime) },
      { runtimeData: { data: runtime, dataType: "binary" } },
    );
    const ehd = base64UrlEncode(runtime);
    const { head, tail } = baseClaims(false, toHexString(boundReportData(runtime)));
    expect(result.claims).toEqual([
      ...head,
      s("x-ms-attestation-type", "sgx"),
      s("x-ms-sgx-ehd", ehd),
      s("maa-ehd", ehd),
      s("aas-ehd", ehd),
      s("$maa-ehd", ehd),
      s("$aas-ehd", ehd),
      ...tail,
    ]);
  });

  it("JSON runtime and init-time data give x-ms-runtime and x-ms-inittime as JSON text, keys sorted, no whitespace (§8.1)", async () => {
    const init = new TextEncoder().encode('{"config": [1, 2]}');
    const configId = new Uint8Array(64);
    configId.set(boundReportData(init).subarray(0, 32));
    const result = await claimsOf(
      { productId: 7, svn: 3, reportData: boundReportData(runtime), configId },
      { runtimeData: { data: runtime, dataType: "json" }, initTimeData: { data: init, dataType: "json" } },
    );
    const { head, tail } = baseClaims(false, toHexString(boundReportData(runtime)));
    expect(result.claims).toEqual([
      ...head,
      s("x-ms-attestation-type", "sgx"),
      s("x-ms-runtime", '{"jwk":{"crv":"P-256","kty":"EC"}}'),
      s("x-ms-inittime", '{"config":[1,2]}'),
      ...tail,
    ]);
  });

  it("binary init-time data is checked against CONFIGID but gives no claim", async () => {
    const init = Uint8Array.of(1, 2, 3);
    const configId = new Uint8Array(64);
    configId.set(boundReportData(init).subarray(0, 32));
    const result = await claimsOf(
      { productId: 7, svn: 3, configId },
      { initTimeData: { data: init, dataType: "binary" } },
    );
    expect(result.claims.map((c) => c.type)).not.toContain("x-ms-inittime");
  });

  it("KSS enclaves add the config id, config svn, extended product id and family id", async () => {
    const result = await claimsOf({
      kss: true,
      productId: 7,
      svn: 3,
      configId: fill(64, 0xc0),
      configSvn: 9,
      isvExtProdId: fill(16, 0xab),
      isvFamilyId: fill(16, 0xfa),
    });
    const { head, tail } = baseClaims(false);
    expect(result.claims).toEqual([
      ...head,
      s("x-ms-sgx-config-id", "c0".repeat(64)),
      i("x-ms-sgx-config-svn", 9),
      s("x-ms-sgx-isv-extended-product-id", "ab".repeat(16)),
      s("x-ms-sgx-isv-family-id", "fa".repeat(16)),
      s("x-ms-attestation-type", "sgx"),
      ...tail,
    ]);
  });

  it("without the KSS attribute the KSS fields give no claims", async () => {
    const result = await claimsOf({ configId: fill(64, 0xc0), configSvn: 9 });
    expect(result.claims.filter((c) => c.type.startsWith("x-ms-sgx-config"))).toEqual([]);
  });

  it("accepts the evidence as base64, base64url and text-file bytes", async () => {
    const quote = await buildQuote({ pki: testPki });
    const b64url = base64UrlEncode(quote.bytes);
    const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (b64url.length % 4)) % 4);
    const wrapped = b64.replace(/(.{64})/g, "$1\n");
    for (const evidence of [b64url, b64, wrapped, new TextEncoder().encode(wrapped)]) {
      const result = await claimsFromEvidence({ evidence, rootPublicKey: testPki.rootPublicKey, now: NOW });
      expect(result.ok).toBe(true);
    }
  });

  it("reports what was verified and what needs Intel's collateral", async () => {
    const result = await claimsOf({});
    expect(result.verification).toMatchObject({
      pckChain: "verified",
      qeReportSignature: "verified",
      attestationKeyBinding: "verified",
      enclaveReportSignature: "verified",
      checkedAt: "2025-06-01T00:00:00.000Z",
    });
    expect(result.verification.pckCertificates.map((c) => c.subject)).toEqual([
      "CN=Test SGX PCK Certificate",
      "CN=Test SGX PCK Processor CA",
      "CN=Test SGX Root CA",
    ]);
    expect(result.verification.notVerified).toHaveLength(3);
  });
});

describe("JSON-valued claims", () => {
  it("lists the JSON-valued claim types", () => {
    expect(JSON_VALUED_CLAIM_TYPES).toEqual(["x-ms-runtime", "x-ms-inittime"]);
  });
});

function toHexString(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");
}
