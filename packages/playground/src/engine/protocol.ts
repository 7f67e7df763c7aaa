/**
 * The playground's own requests to its Web Worker, beside the language server's (same connection).
 * Plain JSON both ways: bytes travel as base64url text.
 */
import type { EvaluationFailure, Outcome, RuleTrace } from "@maa-policy/evaluator";
import type { Claim, Position, ServiceError, Result } from "@maa-policy/parser";

/** `playground/run`: check the claims, evaluate the policy, build the draft and policy tokens. */
export const RUN_REQUEST = "playground/run";

export interface RunParams {
  readonly policy: string;
  /** What the claims pane holds: a JSON object or array, or an attestation token (as `eval --claims`). */
  readonly claims: string;
  /** The selected attestation type's `x-ms-attestation-type`, for the draft token. */
  readonly tokenAttestationType: string | undefined;
  /** The draft token's clock, seconds since the epoch (tests pin it); now by default. */
  readonly now?: number;
}

export type ClaimsCheck = Result<
  { readonly format: "array" | "object" | "token"; readonly count: number },
  { readonly error: ServiceError; readonly position: Position | undefined }
>;

export interface RunResult {
  readonly claims: ClaimsCheck;
  /** `x-ms-policy-hash` of the exact text, its unsigned policy token and that token's hash. */
  readonly policyHash: string;
  readonly policyToken: string;
  readonly policyTokenHash: string;
  /** Absent when the claims are invalid. */
  readonly evaluation?: Evaluation;
}

export type Evaluation =
  | { readonly kind: "invalid-policy"; readonly error: ServiceError }
  | {
      readonly kind: "evaluated";
      readonly outcome: Outcome;
      /** The service's error when denied or failed, and its REST body. */
      readonly error: ServiceError | undefined;
      readonly restError: object | undefined;
      readonly failure: EvaluationFailure | undefined;
      readonly issued: readonly Claim[];
      readonly properties: readonly Claim[];
      readonly trace: readonly RuleTrace[];
      readonly draftToken:
        | { readonly token: string; readonly header: object; readonly body: Record<string, unknown> }
        | undefined;
    };

/** `playground/evidence`: verify evidence and turn it into incoming claims, as `policy-eval claims`. */
export const EVIDENCE_REQUEST = "playground/evidence";

export interface EvidenceParams {
  /** The dropped file's bytes, base64url (the file may itself hold base64 or base64url text). */
  readonly evidence: string;
  readonly runtimeData?: EvidenceData;
  readonly initTimeData?: EvidenceData;
  /** Certificate validity time, seconds since the epoch; now by default. */
  readonly now?: number;
}

export interface EvidenceData {
  /** The data file's bytes, base64url. */
  readonly file: string;
  readonly dataType: "binary" | "json";
  /** How the file holds its bytes, as `--data-encoding`. */
  readonly encoding: "raw" | "base64url";
}

export type EvidenceOutcome = Result<
  {
    readonly kind: "sgx" | "openenclave";
    /** `policy-eval claims --format json`: the claims pane's new text. */
    readonly claimsJson: string;
    /** What was verified offline and what was not, as `policy-eval claims` says it. */
    readonly summary: readonly string[];
    readonly warnings: readonly string[];
  },
  { readonly message: string; readonly warnings: readonly string[] }
>;
