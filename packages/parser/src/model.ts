/**
 * The leaf model of the language, its own entry (`@maa-policy/parser/model`): claims and issuers,
 * the service's errors, positions, diagnostics and their codes, the bounds on input, JSON depth and
 * the text-encoding rule, the authorization messages, and the one `Result` shape (a type only). None of these modules imports another part
 * of the parser, so `@maa-policy/tokens` and `@maa-policy/evidence`, which need only these values,
 * load no ANTLR and no checker through this entry (docs/decisions.md, "The model entry").
 */
export * from "./claim.js";
export * from "./service-error.js";
export * from "./position.js";
export * from "./diagnostic.js";
export * from "./diagnostic-codes.js";
export * from "./authorization-messages.js";
export type { Result } from "./result.js";
export { MAX_INPUT_BYTES, MAX_SYNTAX_ERRORS, MAX_DIAGNOSTICS, MAX_EXCERPT_CHARS } from "./limits.js";
export { MAX_JSON_DEPTH, jsonTooDeepAt, jsonValueTooDeepAt } from "./json-depth.js";
export { decodePolicyBytes, firstInvalidUtf8, UTF8_BOM_IN_TEXT, type DecodedText } from "./text-encoding.js";
