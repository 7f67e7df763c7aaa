import { decodeBase64 } from "./base64.js";
import { u32 } from "./bytes.js";
import { evidenceError, fail, ok, type Result } from "./errors.js";
import { parseSgxQuote, type SgxQuote } from "./sgx-quote.js";

/** `sgx` is a bare SGX quote (attest/SgxEnclave); `openenclave` an OE report (attest/OpenEnclave). */
export type EvidenceKind = "sgx" | "openenclave";

export interface ParsedEvidence {
  readonly kind: EvidenceKind;
  /** Error offsets count from the start of the decoded evidence bytes. */
  readonly quote: SgxQuote;
}

const OE_HEADER_SIZE = 16;
const OE_HEADER_VERSION = 1;
const OE_REPORT_TYPE_REMOTE = 2;
const TEXT = /^[A-Za-z0-9+/_\-=\s]+$/;

/** Raw bytes, or base64/base64url text (as a string or as the bytes of a text file). */
export function decodeEvidence(
  input: Uint8Array | string,
): Result<{ bytes: Uint8Array; warnings: readonly string[] }> {
  const text =
    typeof input === "string" ? input : looksLikeText(input) ? new TextDecoder().decode(input) : null;
  if (text === null) return ok({ bytes: input as Uint8Array, warnings: [] });
  const decoded = decodeBase64(text, "evidence");
  return decoded.ok ? ok({ bytes: decoded.value.bytes, warnings: decoded.value.warnings }) : decoded;
}

/** A binary quote starts with a little-endian version (a zero byte second), so it is never all text. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.length > 1 << 24) return false;
  return TEXT.test(new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 4096))));
}

/** Parses decoded evidence: an OpenEnclave report when asked or when it starts with header version 1. */
export function parseEvidence(bytes: Uint8Array, kind?: EvidenceKind): Result<ParsedEvidence> {
  if (bytes.length === 0) return fail(evidenceError("truncated", "evidence", 0, "Empty evidence"));
  const actual = kind ?? (bytes.length >= 4 && u32(bytes, 0) === OE_HEADER_VERSION ? "openenclave" : "sgx");
  const quote = actual === "openenclave" ? parseOpenEnclaveReport(bytes) : parseSgxQuote(bytes, 0);
  return quote.ok ? ok({ kind: actual, quote: quote.value }) : quote;
}

/** Open Enclave's `oe_report_header_t`: version, report type, report size, then the SGX quote. */
function parseOpenEnclaveReport(bytes: Uint8Array): Result<SgxQuote> {
  if (bytes.length < OE_HEADER_SIZE) {
    const detail = `Truncated evidence: the OpenEnclave report header needs 16 bytes but only ${bytes.length} remain`;
    return fail(evidenceError("truncated", "openenclave.header", 0, detail));
  }
  const version = u32(bytes, 0);
  if (version !== OE_HEADER_VERSION) {
    const detail = `Unsupported OpenEnclave report header version ${version}: only 1 is supported`;
    return fail(evidenceError("openenclave-header", "openenclave.header.version", 0, detail));
  }
  const type = u32(bytes, 4);
  if (type !== OE_REPORT_TYPE_REMOTE) {
    const detail = `OpenEnclave report type ${type} is not a remote report (type 2): only remote reports can be attested`;
    return fail(evidenceError("openenclave-header", "openenclave.header.report_type", 4, detail));
  }
  const size = u32(bytes, 8) + u32(bytes, 12) * 2 ** 32;
  if (size !== bytes.length - OE_HEADER_SIZE) {
    const detail = `OpenEnclave report size ${size} does not match the ${bytes.length - OE_HEADER_SIZE} bytes that follow the header`;
    return fail(evidenceError("openenclave-header", "openenclave.header.report_size", 8, detail));
  }
  return parseSgxQuote(bytes.subarray(OE_HEADER_SIZE), OE_HEADER_SIZE);
}
