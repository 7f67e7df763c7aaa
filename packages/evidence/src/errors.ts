import {
  serviceError,
  type Result as Outcome,
  type ServiceError,
  type ServiceErrorCode,
} from "@maa-policy/parser/model";

/**
 * Every way evidence can be rejected, each with its own stable id so that callers and tests can
 * tell a forged signature from a truncated quote without parsing the message.
 */
export type EvidenceErrorId =
  | "evidence-encoding"
  | "evidence-kind"
  | "openenclave-header"
  | "truncated"
  | "quote-version"
  | "attestation-key-type"
  | "tee-type"
  | "signature-data-length"
  | "certification-data-type"
  | "certification-data-length"
  | "trailing-bytes"
  | "attestation-key-invalid"
  | "pck-chain-parse"
  | "pck-chain-key"
  | "pck-chain-link"
  | "pck-chain-validity"
  | "pck-chain-ca"
  | "pck-chain-root"
  | "pck-chain-revoked"
  | "crl-parse"
  | "crl-signature"
  | "crl-validity"
  | "qe-identity-parse"
  | "qe-identity-signature"
  | "qe-identity-validity"
  | "qe-identity-mismatch"
  | "qe-identity-revoked"
  | "qe-report-signature"
  | "attestation-key-binding"
  | "enclave-report-signature"
  | "runtime-data-binding"
  | "runtime-data-json"
  | "init-time-data-binding"
  | "init-time-data-json";

/** A service error that also says which field of the evidence is wrong and where it starts. */
export interface EvidenceError extends ServiceError {
  readonly id: EvidenceErrorId;
  /** Dotted path of the field, e.g. `quote.signature_data.qe_report_signature`. */
  readonly field: string;
  /** Byte offset of the field in the evidence as given (after base64 decoding), or null. */
  readonly offset: number | null;
}

/**
 * The live service answers bad SGX evidence with `InvalidQuote` (spec §3.2, §8 item 12; the docs say
 * `InvalidParameter`). One switch, recorded in docs/decisions.md.
 */
export const QUOTE_ERROR_CODE: ServiceErrorCode = "InvalidQuote";
/** Runtime and init-time data that do not parse or do not match the quote (docs/decisions.md). */
export const DATA_ERROR_CODE: ServiceErrorCode = "InvalidParameter";

const DATA_ERRORS: ReadonlySet<EvidenceErrorId> = new Set([
  "runtime-data-binding",
  "runtime-data-json",
  "init-time-data-binding",
  "init-time-data-json",
]);

export function evidenceError(
  id: EvidenceErrorId,
  field: string,
  offset: number | null,
  detail: string,
): EvidenceError {
  const where = offset === null ? `field '${field}'` : `field '${field}' at offset ${offset}`;
  const code = DATA_ERRORS.has(id) ? DATA_ERROR_CODE : QUOTE_ERROR_CODE;
  return { ...serviceError(code, `${detail} (${where})`), id, field, offset };
}

/** The evidence readers' outcome: the model's one result shape with a value or an EvidenceError. */
export type Result<T> = Outcome<{ readonly value: T }, { readonly error: EvidenceError }>;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: EvidenceError): Result<T> => ({ ok: false, error });
