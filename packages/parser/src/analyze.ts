import { checkPolicy } from "./checker/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { parsePolicy, type ParseResult } from "./parse.js";

export interface Analysis extends ParseResult {
  /** Syntax errors first (in the parser's order), then the checker's findings in text order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
}

/** Parse and check in one call: what `policy-eval check`, the language server and `eval` start from. */
export function analyzePolicy(text: string): Analysis {
  const parsed = parsePolicy(text);
  const checked = parsed.policy ? checkPolicy(parsed.policy) : [];
  const diagnostics = [...parsed.diagnostics, ...checked];
  return { ...parsed, diagnostics, hasErrors: diagnostics.some((d) => d.severity === "error") };
}
