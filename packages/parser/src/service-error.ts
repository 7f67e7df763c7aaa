/**
 * Errors as the Azure Attestation service reports them: a code, the detail text and the HTTP status.
 * Every failure the core can produce (a policy that does not parse, an evaluation that fails, a bad
 * token) is one of these values, so a local MAA-compatible endpoint can return it unchanged.
 */
export type ServiceErrorCode =
  | "PolicyParsingError"
  | "PolicyEvaluationError"
  | "InvalidOperation"
  | "InvalidParameter"
  | "InvalidQuote"
  | "Unauthorized";

export interface ServiceError {
  readonly code: ServiceErrorCode;
  /** The detail text, e.g. `Policy Engine Exception: A Deny claim was issued, authorization failed.` */
  readonly message: string;
  readonly status: number;
}

export interface RestErrorBody {
  error: { code: string; message: string; innererror?: { code: string; message: string } };
}

/**
 * Enclave failures carry an HRESULT: the decimal low word and its text appear in the envelope
 * around the detail (spec §3.1–3.2). Codes without an entry are returned with the bare detail.
 */
const ENCLAVE_RESULTS: Partial<Record<ServiceErrorCode, { low: number; hex: string; text: string }>> = {
  PolicyParsingError: { low: 65526, hex: "83FFFFF6", text: "Invalid policy was specified" },
  PolicyEvaluationError: { low: 65518, hex: "83FFFFEE", text: "Policy Evaluation Error has occurred" },
  InvalidOperation: { low: 74, hex: "83FF004A", text: "Bad message" },
  InvalidParameter: { low: 65529, hex: "83FFFFF9", text: "The requested item is not found" },
};

export function serviceError(code: ServiceErrorCode, message: string, status = 400): ServiceError {
  return { code, message, status };
}

/**
 * The message as the 2022 service puts it on the wire: the recorded PolicyEvaluationError body
 * (spec §3.1) byte for byte; the other enclave codes follow the same envelope (docs/decisions.md).
 */
export function enclaveMessage(error: ServiceError): string {
  const result = ENCLAVE_RESULTS[error.code];
  if (!result) return error.message;
  return (
    `Attestation Enclave operation failed with ${result.low}: Exception(0) ${result.hex} ${result.text}` +
    `    Msg:[${error.message}] \n\r\nUnhandled Enclave Exception: "${result.text}"\r\n`
  );
}

/** The JSON body of the service's HTTP error response (the `CloudError` schema). */
export function restErrorBody(error: ServiceError): RestErrorBody {
  const message = enclaveMessage(error);
  if (!ENCLAVE_RESULTS[error.code]) return { error: { code: error.code, message } };
  return { error: { code: error.code, message, innererror: { code: error.code, message } } };
}
