export { compilePolicy, type CompiledPolicy, type CompiledRule } from "./compile-policy.js";
export {
  DENY_MESSAGE,
  NO_PERMIT_MESSAGE,
  type EvaluateOptions,
  type EvaluationFailure,
  type EvaluationResult,
  type Outcome,
} from "./evaluate.js";
export type { ConditionTrace, RuleTrace } from "./trace.js";
export type { EngineProperties } from "./engine-properties.js";
export { parseClaims, claimsFromJson, type ClaimsFormat, type ClaimsResult } from "./incoming.js";
export { evidenceTokenClaims } from "./evidence-claims.js";
export { draftToken, DEFAULT_TOKEN_ISSUER, type DraftToken, type DraftTokenOptions } from "./draft-token.js";
export { Decisions, DEFAULT_TOKEN_LIFETIME_SECONDS } from "./decisions.js";
export type { FunctionName } from "./functions.js";
export { loadPolicy, evaluatePolicy, type LoadedPolicy } from "./load.js";
export { DEFAULT_POLICIES, SGX_DEFAULT_POLICY } from "./default-policies.js";
export * from "./limits.js";
