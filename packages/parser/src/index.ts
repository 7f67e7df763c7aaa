export * from "./ast.js";
export * from "./model.js";
export { plainAst } from "./ast-views.js";
export { childNodes, type SyntaxNode } from "./ast-children.js";
export { parsePolicy, parsePolicyAsync, type ParseOptions, type ParseResult } from "./parse.js";
export { completionContext, loadGeneratedParser } from "./generated-parser.js";
export { MAX_NESTING } from "./nesting-limit.js";
export { quote, unquote } from "./string-literal.js";
export { closest, closestAll, editDistance, withArticle } from "./suggest.js";
export { serviceParsingError, policyRejection, renderParserException } from "./service-rendering.js";
export {
  analyzePolicy,
  analyzePolicyAsync,
  analyzePolicyIfLoaded,
  type Analysis,
  type AnalysisOptions,
} from "./analyze.js";
export { type AttestationTypeResolution } from "./attestation-type.js";
export * from "./project-config.js";
export { checkPolicy } from "./checker/index.js";
export { bindingOf, nodeAt, occurrences, type NodeAt } from "./policy-queries.js";
export * from "./descriptions.js";
export { policyClaimTypes } from "./checker/claim-knowledge.js";
export { checkQuery, type QueryFinding } from "./checker/jmespath-query.js";
export * from "./jmespath-dialect.js";
export * from "./functions.js";
export * from "./language.js";
export { applyEdits, automaticFix, fixAllEdits } from "./fixes.js";
export * from "./claims-catalogue.js";
export { claimTypeWarnings } from "./claim-typing.js";
export type { CompletionContext, CompletionHints, CompletionSlot } from "./completion.js";
export * from "./format/index.js";
