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
  const complete = parsed.diagnostics.length === 0;
  const checked = parsed.policy ? checkPolicy(parsed.policy, { complete }) : [];
  const diagnostics = [
    ...parsed.diagnostics,
    ...checked.filter((d) => !onSyntaxErrorLine(d, parsed.diagnostics)),
  ];
  return { ...parsed, diagnostics, hasErrors: diagnostics.some((d) => d.severity === "error") };
}

/**
 * After a syntax error the parser's recovery can leave odd shapes on that line (a curly-quoted
 * string read as an identifier, say); the checker's view of them is noise, so the syntax error
 * speaks alone there.
 */
function onSyntaxErrorLine(diagnostic: Diagnostic, syntax: readonly Diagnostic[]): boolean {
  return syntax.some(
    (s) => s.range.start.line <= diagnostic.range.end.line && diagnostic.range.start.line <= s.range.end.line,
  );
}
