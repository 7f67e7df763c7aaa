import { u16, u32 } from "./bytes.js";
import { evidenceError, fail, ok, type Result } from "./errors.js";
import { ByteReader } from "./reader.js";
import { parseReportBody, REPORT_BODY_SIZE, type ReportBody } from "./report-body.js";

/** A field's bytes with its name and absolute offset, so verification errors can point at it. */
export interface Located {
  readonly bytes: Uint8Array;
  readonly field: string;
  readonly offset: number;
}

/** An SGX ECDSA quote (Intel SGX ECDSA Quote Library reference, appendix A; v4 as in the DCAP 1.14+ docs). */
export interface SgxQuote {
  readonly version: 3 | 4;
  readonly offset: number;
  /** The header and the enclave report body: what the attestation key signs. */
  readonly signed: Located;
  readonly body: ReportBody;
  readonly enclaveSignature: Located;
  readonly attestationKey: Located;
  readonly qeReport: ReportBody & { readonly field: string };
  readonly qeReportSignature: Located;
  readonly qeAuthData: Located;
  /** The PEM PCK certificate chain (certification data type 5), leaf first. */
  readonly pckChain: Located;
}

const HEADER_SIZE = 48;
const ECDSA_P256_KEY_TYPE = 2;
const PCK_CHAIN_TYPE = 5;
const QE_REPORT_CERTIFICATION_TYPE = 6;
const SGX_TEE_TYPE = 0;

/** Parses a quote that occupies `bytes` entirely and starts at `base` in the evidence. */
export function parseSgxQuote(bytes: Uint8Array, base: number): Result<SgxQuote> {
  const r = new ByteReader(bytes, base, "quote");
  const header = r.take(HEADER_SIZE, "header");
  if (!header.ok) return header;
  const version = u16(header.value, 0);
  if (version !== 3 && version !== 4) {
    const detail = `Unsupported SGX quote version ${version}: only versions 3 and 4 (ECDSA) are supported`;
    return fail(evidenceError("quote-version", "quote.header.version", base, detail));
  }
  const keyType = u16(header.value, 2);
  if (keyType !== ECDSA_P256_KEY_TYPE) {
    const detail = `Unsupported attestation key type ${keyType}: only 2 (ECDSA-256-with-P-256) is supported`;
    return fail(evidenceError("attestation-key-type", "quote.header.att_key_type", base + 2, detail));
  }
  // Version 3 calls these four bytes reserved; version 4 names the TEE (0x81 is TDX).
  const teeType = u32(header.value, 4);
  if (version === 4 && teeType !== SGX_TEE_TYPE) {
    const detail = `Unsupported TEE type 0x${teeType.toString(16)}: only 0 (SGX) is SGX evidence`;
    return fail(evidenceError("tee-type", "quote.header.tee_type", base + 4, detail));
  }
  const bodyOffset = r.offset;
  const body = r.take(REPORT_BODY_SIZE, "report_body");
  if (!body.ok) return body;
  const signed: Located = {
    bytes: bytes.subarray(0, r.offset - base),
    field: "quote.report_body",
    offset: base,
  };
  const lengthOffset = r.offset;
  const lengthField = r.take(4, "signature_data_len");
  if (!lengthField.ok) return lengthField;
  const signatureLength = u32(lengthField.value, 0);
  if (signatureLength > r.remaining) {
    const detail = `Signature data length ${signatureLength} exceeds the ${r.remaining} bytes that follow it`;
    return fail(evidenceError("signature-data-length", "quote.signature_data_len", lengthOffset, detail));
  }
  const s = r.sub(signatureLength, "signature_data", "quote.signature_data");
  if (!s.ok) return s;
  if (r.remaining > 0) {
    const detail = `${r.remaining} bytes follow the ${signatureLength} bytes of signature data the quote declares`;
    return fail(evidenceError("trailing-bytes", "quote", r.offset, detail));
  }
  const enclaveSignature = located(s.value, 64, "isv_enclave_report_signature");
  if (!enclaveSignature.ok) return enclaveSignature;
  const attestationKey = located(s.value, 64, "ecdsa_attestation_key");
  if (!attestationKey.ok) return attestationKey;
  let qe: ByteReader = s.value;
  if (version === 4) {
    const inner = certificationData(s.value, "certification_data", QE_REPORT_CERTIFICATION_TYPE, "QE report");
    if (!inner.ok) return inner;
    qe = inner.value;
  }
  const rest = qeCertificationData(qe);
  if (!rest.ok) return rest;
  return ok({
    version,
    offset: base,
    signed,
    body: parseReportBody(body.value, bodyOffset),
    enclaveSignature: enclaveSignature.value,
    attestationKey: attestationKey.value,
    ...rest.value,
  });
}

type QeParts = Pick<SgxQuote, "qeReport" | "qeReportSignature" | "qeAuthData" | "pckChain">;

/** The QE report, its PCK signature, the QE authentication data and the PCK chain. */
function qeCertificationData(r: ByteReader): Result<QeParts> {
  const reportOffset = r.offset;
  const report = r.take(REPORT_BODY_SIZE, "qe_report");
  if (!report.ok) return report;
  const qeReportSignature = located(r, 64, "qe_report_signature");
  if (!qeReportSignature.ok) return qeReportSignature;
  const authSize = r.take(2, "qe_auth_data.size");
  if (!authSize.ok) return authSize;
  const qeAuthData = located(r, u16(authSize.value, 0), "qe_auth_data.data");
  if (!qeAuthData.ok) return qeAuthData;
  const chain = certificationData(r, "qe_cert_data", PCK_CHAIN_TYPE, "PCK certificate chain");
  if (!chain.ok) return chain;
  const pckChain = located(chain.value, chain.value.remaining, "data");
  if (!pckChain.ok) return pckChain;
  const qeReport = { ...parseReportBody(report.value, reportOffset), field: r.fieldName("qe_report") };
  return ok({
    qeReport,
    qeReportSignature: qeReportSignature.value,
    qeAuthData: qeAuthData.value,
    pckChain: pckChain.value,
  });
}

/** A `{type: u16, size: u32, data}` block that must fill the rest of `r` and have type `expected`. */
function certificationData(r: ByteReader, name: string, expected: number, what: string): Result<ByteReader> {
  const typeOffset = r.offset;
  const type = r.take(2, `${name}.type`);
  if (!type.ok) return type;
  if (u16(type.value, 0) !== expected) {
    const detail =
      `Certification data type ${u16(type.value, 0)} is not supported offline: ` +
      `only type ${expected} (${what}) carries what offline verification needs`;
    return fail(evidenceError("certification-data-type", r.fieldName(`${name}.type`), typeOffset, detail));
  }
  const sizeOffset = r.offset;
  const size = r.take(4, `${name}.size`);
  if (!size.ok) return size;
  const declared = u32(size.value, 0);
  if (declared !== r.remaining) {
    const detail = `Certification data size ${declared} does not match the ${r.remaining} bytes left in the signature data`;
    return fail(evidenceError("certification-data-length", r.fieldName(`${name}.size`), sizeOffset, detail));
  }
  return r.sub(declared, `${name}.data`, r.fieldName(name));
}

function located(r: ByteReader, length: number, field: string): Result<Located> {
  const offset = r.offset;
  const bytes = r.take(length, field);
  return bytes.ok ? ok({ bytes: bytes.value, field: r.fieldName(field), offset }) : bytes;
}
