import { describe, expect, it } from "vitest";
import { claimsFromEvidence, decodeEvidence, type EvidenceRequest } from "@maa-policy/evidence";
import { pki } from "./support/pki.js";
import { boundReportData, buildQuote, concat, u16, u32 } from "./support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const testPki = await pki();
const v3 = await buildQuote({ pki: testPki });
const v4 = await buildQuote({ pki: testPki, version: 4 });
const oe = await buildQuote({ pki: testPki, openEnclave: true });
const runtime = new TextEncoder().encode('{"a":1}');
const bound = await buildQuote({
  pki: testPki,
  reportData: boundReportData(runtime),
  configId: new Uint8Array(64),
});

function patch(bytes: Uint8Array, at: number, value: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy.set(value, at);
  return copy;
}

async function errorOf(request: Partial<EvidenceRequest> & Pick<EvidenceRequest, "evidence">) {
  const result = await claimsFromEvidence({ rootPublicKey: testPki.rootPublicKey, now: NOW, ...request });
  if (result.ok) throw new Error("expected a failure");
  const { id, code, field, offset, message, status } = result.error;
  return { id, code, field, offset, message, status };
}

const sigLength = v3.bytes.length - 436;
const chainText = (q: typeof v3) => q.at.chain;

const cases: [string, Uint8Array | string, string, string, number | null, string][] = [
  ["empty evidence", new Uint8Array(0), "truncated", "evidence", 0, "Empty evidence"],
  [
    "a truncated header",
    v3.bytes.subarray(0, 10),
    "truncated",
    "quote.header",
    0,
    "Truncated evidence: quote.header needs 48 bytes but only 10 remain",
  ],
  [
    "a truncated report body",
    v3.bytes.subarray(0, 100),
    "truncated",
    "quote.report_body",
    48,
    "Truncated evidence: quote.report_body needs 384 bytes but only 52 remain",
  ],
  [
    "a truncated signature length",
    v3.bytes.subarray(0, 433),
    "truncated",
    "quote.signature_data_len",
    432,
    "Truncated evidence: quote.signature_data_len needs 4 bytes but only 1 remain",
  ],
  [
    "a truncated quote",
    v3.bytes.subarray(0, 500),
    "signature-data-length",
    "quote.signature_data_len",
    432,
    `Signature data length ${sigLength} exceeds the 64 bytes that follow it`,
  ],
  [
    "signature data too short for the attestation key",
    concat(v3.bytes.subarray(0, 432), u32(100), v3.bytes.subarray(436, 536)),
    "truncated",
    "quote.signature_data.ecdsa_attestation_key",
    500,
    "Truncated evidence: quote.signature_data.ecdsa_attestation_key needs 64 bytes but only 36 remain",
  ],
  [
    "quote version 5",
    patch(v3.bytes, 0, u16(5)),
    "quote-version",
    "quote.header.version",
    0,
    "Unsupported SGX quote version 5: only versions 3 and 4 (ECDSA) are supported",
  ],
  [
    "attestation key type 3 (P-384)",
    patch(v3.bytes, 2, u16(3)),
    "attestation-key-type",
    "quote.header.att_key_type",
    2,
    "Unsupported attestation key type 3: only 2 (ECDSA-256-with-P-256) is supported",
  ],
  [
    "a TDX quote",
    patch(v4.bytes, 4, u32(0x81)),
    "tee-type",
    "quote.header.tee_type",
    4,
    "Unsupported TEE type 0x81: only 0 (SGX) is SGX evidence",
  ],
  [
    "bytes after the signature data",
    concat(v3.bytes, Uint8Array.of(1, 2, 3)),
    "trailing-bytes",
    "quote",
    v3.bytes.length,
    `3 bytes follow the ${sigLength} bytes of signature data the quote declares`,
  ],
  [
    "certification data type 3 (encrypted PPID)",
    patch(v3.bytes, chainText(v3) - 6, u16(3)),
    "certification-data-type",
    "quote.signature_data.qe_cert_data.type",
    v3.at.chain - 6,
    "Certification data type 3 is not supported offline: only type 5 (PCK certificate chain) carries what offline verification needs",
  ],
  [
    "a v4 quote whose outer certification data is not a QE report",
    patch(v4.bytes, v4.at.attKey + 64, u16(5)),
    "certification-data-type",
    "quote.signature_data.certification_data.type",
    v4.at.attKey + 64,
    "Certification data type 5 is not supported offline: only type 6 (QE report) carries what offline verification needs",
  ],
  [
    "a certification data size one too large",
    patch(v3.bytes, v3.at.chain - 4, u32(v3.lengths.chain + 1)),
    "certification-data-length",
    "quote.signature_data.qe_cert_data.size",
    v3.at.chain - 4,
    `Certification data size ${v3.lengths.chain + 1} does not match the ${v3.lengths.chain} bytes left in the signature data`,
  ],
  [
    "a QE authentication data size past the end",
    patch(v3.bytes, v3.at.authData - 2, u16(0xffff)),
    "truncated",
    "quote.signature_data.qe_auth_data.data",
    v3.at.authData,
    `Truncated evidence: quote.signature_data.qe_auth_data.data needs 65535 bytes but only ${32 + 6 + v3.lengths.chain} remain`,
  ],
  [
    "OpenEnclave header version 2",
    patch(oe.bytes, 0, u32(2)),
    "quote-version",
    "quote.header.version",
    0,
    "Unsupported SGX quote version 2: only versions 3 and 4 (ECDSA) are supported",
  ],
  [
    "a truncated OpenEnclave header",
    oe.bytes.subarray(0, 8),
    "truncated",
    "openenclave.header",
    0,
    "Truncated evidence: the OpenEnclave report header needs 16 bytes but only 8 remain",
  ],
  [
    "an OpenEnclave local report",
    patch(oe.bytes, 4, u32(1)),
    "openenclave-header",
    "openenclave.header.report_type",
    4,
    "OpenEnclave report type 1 is not a remote report (type 2): only remote reports can be attested",
  ],
  [
    "an OpenEnclave report size that does not match",
    patch(oe.bytes, 8, u32(10)),
    "openenclave-header",
    "openenclave.header.report_size",
    8,
    `OpenEnclave report size 10 does not match the ${oe.bytes.length - 16} bytes that follow the header`,
  ],
  [
    "a character outside base64",
    "AAAA$AAA",
    "evidence-encoding",
    "evidence",
    4,
    "Invalid base64: character '$' at text offset 4",
  ],
  [
    "data after padding",
    "AAA=A",
    "evidence-encoding",
    "evidence",
    4,
    "Invalid base64: data after '=' padding at text offset 4",
  ],
];

describe("malformed evidence: one precise error each, never an exception", () => {
  it.each(cases)("%s", async (_name, evidence, id, field, offset, detail) => {
    const where = offset === null ? `field '${field}'` : `field '${field}' at offset ${offset}`;
    expect(await errorOf({ evidence })).toEqual({
      id,
      code: "InvalidQuote",
      status: 400,
      field,
      offset,
      message: `${detail} (${where})`,
    });
  });

  it("a version-1 header makes the kind OpenEnclave; --attestation-type sgx reads it as a bare quote", async () => {
    expect((await errorOf({ evidence: patch(oe.bytes, 0, u32(7)), kind: "openenclave" })).message).toBe(
      "Unsupported OpenEnclave report header version 7: only 1 is supported (field 'openenclave.header.version' at offset 0)",
    );
    expect((await errorOf({ evidence: oe.bytes, kind: "sgx" })).id).toBe("quote-version");
  });
});

describe("base64 leniency", () => {
  it("drops a lone final base64 character with a warning, also when the evidence then fails", async () => {
    expect(decodeEvidence("AAAAA")).toEqual({
      ok: true,
      value: {
        bytes: new Uint8Array(3),
        warnings: ["evidence: ignored the last base64 character (5 characters encode no whole final byte)"],
      },
    });
    const result = await claimsFromEvidence({ evidence: "AAAAA" });
    expect(result.warnings).toEqual([
      "evidence: ignored the last base64 character (5 characters encode no whole final byte)",
    ]);
  });
});

describe("runtime and init-time data", () => {
  const base = { evidence: bound.bytes };
  it("runtime data whose hash is not in the report data", async () => {
    const other = new TextEncoder().encode('{"a":2}');
    const error = await errorOf({ ...base, runtimeData: { data: other, dataType: "binary" } });
    expect(error).toMatchObject({
      id: "runtime-data-binding",
      code: "InvalidParameter",
      field: "quote.report_body.report_data",
      offset: 368,
    });
    expect(error.message).toMatch(
      /^The runtime data does not match the quote: its SHA-256 is [0-9a-f]{64} but the first 32 bytes of the report data are [0-9a-f]{64} \(field 'quote.report_body.report_data' at offset 368\)$/,
    );
  });

  it("JSON runtime data that is not JSON", async () => {
    const error = await errorOf({
      ...base,
      runtimeData: { data: new TextEncoder().encode('{"a":'), dataType: "json" },
    });
    expect(error).toMatchObject({ id: "runtime-data-json", code: "InvalidParameter", field: "runtimeData" });
    expect(error.message).toMatch(/^The runtimeData of type JSON is not valid JSON: /);
  });

  it("JSON runtime data nested deeper than the limit, at the bracket that goes past it", async () => {
    const error = await errorOf({
      ...base,
      runtimeData: {
        data: new TextEncoder().encode(`${"[".repeat(300)}${"]".repeat(300)}`),
        dataType: "json",
      },
    });
    expect(error).toMatchObject({ id: "runtime-data-json", field: "runtimeData", offset: 256 });
    expect(error.message).toBe(
      "The runtimeData of type JSON is nested more than 256 deep. (field 'runtimeData' at offset 256)",
    );
  });

  it("JSON runtime data that is not UTF-8", async () => {
    const error = await errorOf({
      ...base,
      runtimeData: { data: Uint8Array.of(0x7b, 0xff, 0x7d), dataType: "json" },
    });
    expect(error).toMatchObject({ id: "runtime-data-json", field: "runtimeData", offset: null });
  });

  it("init-time data whose hash is not in CONFIGID", async () => {
    const error = await errorOf({
      ...base,
      runtimeData: { data: runtime, dataType: "json" },
      initTimeData: { data: runtime, dataType: "binary" },
    });
    expect(error).toMatchObject({
      id: "init-time-data-binding",
      code: "InvalidParameter",
      field: "quote.report_body.config_id",
      offset: 240,
    });
  });
});
