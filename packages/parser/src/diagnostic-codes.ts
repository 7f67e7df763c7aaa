/**
 * Every diagnostic code, the one list: `Diagnostic.code` is typed by it, and a test holds
 * docs/diagnostics.md to exactly these, so a new finding cannot ship undocumented.
 */
export const SYNTAX_CODES = [
  "mismatched-input",
  "missing-token",
  "extraneous-input",
  "no-viable-alternative",
  "token-recognition-error",
  "syntax-error",
  "parser-limit",
  "too-many-errors",
] as const;

export const CHECKER_CODES = [
  "unknown-version",
  "version-gated-feature",
  "section-order",
  "duplicate-section",
  "missing-authorizationrules",
  "no-permit",
  "action-placement",
  "unknown-argument",
  "duplicate-argument",
  "missing-argument",
  "claim-argument",
  "argument-type",
  "invalid-value-type",
  "unknown-engine-property",
  "negated-identifier",
  "duplicate-identifier",
  "unbound-identifier",
  "unknown-property",
  "ordering-non-integer",
  "condition-type-mismatch",
  "unknown-issuer",
  "integer-out-of-range",
  "unknown-function",
  "function-arity",
  "unknown-escape",
  "read-only-claim",
  "jmespath-syntax",
  "unknown-attestation-type",
  "unknown-claim-type",
  "claim-value-type",
  "dead-condition",
  "jmespath-unknown-function",
  "jmespath-arity",
  "jmespath-argument-type",
] as const;

export type SyntaxCode = (typeof SYNTAX_CODES)[number];
export type DiagnosticCode = SyntaxCode | (typeof CHECKER_CODES)[number];
