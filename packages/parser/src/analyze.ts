import { checkPolicy } from "./checker/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { MAX_DIAGNOSTICS } from "./limits.js";
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
  const all = [...parsed.diagnostics, ...checked.filter((d) => !onSyntaxErrorLine(d, parsed.diagnostics))];
  const hasErrors = all.some((d) => d.severity === "error");
  return { ...parsed, diagnostics: capped(all), hasErrors };
}

/** At most `MAX_DIAGNOSTICS`, and then one that says how many more there were, where the first of them is. */
function capped(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
  const more = diagnostics.length - MAX_DIAGNOSTICS;
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS);
  shown.push({
    code: "too-many-errors",
    severity: "information",
    message: `${more} more problem${more === 1 ? "" : "s"} not shown: maa-policy reports the first ${MAX_DIAGNOSTICS}.`,
    range: diagnostics[MAX_DIAGNOSTICS].range,
  });
  return shown;
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
