import { u16, u64 } from "./bytes.js";

/** Size of `sgx_report_body_t` in a quote and in the quoting enclave's report. */
export const REPORT_BODY_SIZE = 384;

/** ATTRIBUTES.FLAGS bits (Intel SDM, SECS.ATTRIBUTES). */
export const ATTRIBUTE_DEBUG = 0x2n;
export const ATTRIBUTE_KSS = 0x80n;

/**
 * The enclave report body (`sgx_report_body_t`), at the offsets of the Intel SGX SDK's
 * `sgx_report.h` (KSS fields included); `offset` is where it starts in the evidence.
 */
export interface ReportBody {
  readonly offset: number;
  readonly raw: Uint8Array;
  readonly cpuSvn: Uint8Array;
  readonly miscSelect: number;
  readonly isvExtProdId: Uint8Array;
  readonly attributesFlags: bigint;
  readonly attributesXfrm: bigint;
  readonly mrEnclave: Uint8Array;
  readonly mrSigner: Uint8Array;
  readonly configId: Uint8Array;
  readonly isvProdId: number;
  readonly isvSvn: number;
  readonly configSvn: number;
  readonly isvFamilyId: Uint8Array;
  readonly reportData: Uint8Array;
}

/** Byte offsets inside the body, for error messages that point at a field. */
export const BODY_FIELDS = {
  attributes: 48,
  mr_enclave: 64,
  mr_signer: 128,
  config_id: 192,
  isv_prod_id: 256,
  report_data: 320,
} as const;

/** `raw` must be exactly REPORT_BODY_SIZE bytes (the caller's reader guarantees it). */
export function parseReportBody(raw: Uint8Array, offset: number): ReportBody {
  return {
    offset,
    raw,
    cpuSvn: raw.subarray(0, 16),
    miscSelect: u16(raw, 16) | (u16(raw, 18) << 16),
    isvExtProdId: raw.subarray(32, 48),
    attributesFlags: u64(raw, 48),
    attributesXfrm: u64(raw, 56),
    mrEnclave: raw.subarray(64, 96),
    mrSigner: raw.subarray(128, 160),
    configId: raw.subarray(192, 256),
    isvProdId: u16(raw, 256),
    isvSvn: u16(raw, 258),
    configSvn: u16(raw, 260),
    isvFamilyId: raw.subarray(304, 320),
    reportData: raw.subarray(320, 384),
  };
}
