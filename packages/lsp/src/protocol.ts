/**
 * The server's own requests and settings: what the VS Code extension (and any client) calls
 * beside standard LSP. Types only, so a client can import them without the server.
 */
import type { EvaluationResult, Outcome } from "@maa-policy/evaluator";
import type { AttestationType, ServiceError } from "@maa-policy/parser";

/** `maaPolicy/evaluate`: run the policy against a claims file (the draftPolicyForAttestation dry run). */
export const EVALUATE_REQUEST = "maaPolicy/evaluate";
export interface EvaluateParams {
  readonly uri: string;
  /** The claims file; by default the `maaPolicy.claimsFile` setting, then `<name>.claims.json` beside the policy. */
  readonly claimsUri?: string;
}
export interface EvaluateResult {
  /** `error` when the policy is invalid, the claims cannot be read, or evaluation failed. */
  readonly verdict: Outcome;
  readonly issued: EvaluationResult["issued"];
  readonly properties: EvaluationResult["properties"];
  readonly trace: NonNullable<EvaluationResult["trace"]>;
  /** The service's error (PolicyParsingError, PolicyEvaluationError) or InvalidParameter for the claims. */
  readonly error?: ServiceError;
  /** The claims file used, when one was found. */
  readonly claimsUri?: string;
}

/** `maaPolicy/hash`: `x-ms-policy-hash` of the text and the hash of its unsigned policy token. */
export const HASH_REQUEST = "maaPolicy/hash";
export interface HashResult {
  readonly policyHash: string;
  readonly tokenHash: string;
}

/** `maaPolicy/encodeToken`: the unsigned policy token (the PUT /policies body). */
export const ENCODE_TOKEN_REQUEST = "maaPolicy/encodeToken";
export interface EncodeTokenResult {
  readonly token: string;
}

export interface UriParams {
  readonly uri: string;
}

/**
 * The command of the Evaluate code lens, argument `{ uri }`: the server runs it
 * (`workspace/executeCommand`), so the lens works in any LSP client. It evaluates as
 * `maaPolicy/evaluate` does, shows the verdict with `window/showMessage`, the details in the log,
 * which rules fired as inlay hints, and returns the EvaluateResult. The VS Code extension routes
 * it to its own result panel instead (its client middleware).
 */
export const EVALUATE_COMMAND = "maa-policy-lsp.evaluate";

/** Settings under the `maaPolicy` section. */
export interface Settings {
  /** The default attestation type; undefined infers it from the policy's claims (the pragma and maa-policy.json win). */
  readonly attestationType: AttestationType | undefined;
  /** A claims file, relative to the workspace folder or to the policy. */
  readonly claimsFile: string | undefined;
}

export const DEFAULT_SETTINGS: Settings = { attestationType: undefined, claimsFile: undefined };

/** `initializationOptions`. */
export interface InitializationOptions {
  /** The diagnostics debounce in milliseconds (default 10). */
  readonly diagnosticsDelay?: number;
  /** How long one Evaluate may run, in milliseconds (default the evaluator's `MAX_EVALUATION_MS`, 10 s). */
  readonly evaluationTimeLimitMs?: number;
  /** The heap one Evaluate may use, in megabytes (default 512). */
  readonly evaluationMemoryMb?: number;
}
