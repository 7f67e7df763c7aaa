import type { Diagnostic } from "./diagnostic.js";
import type { ParseResult } from "./parse.js";
import { serviceError, type ServiceError } from "./service-error.js";

/**
 * The service's `PolicyParsingError` for a policy, built from the first syntax error the way the
 * service's ANTLR listener prints it (spec §1.2): ANTLR's 1-based line and 0-based column, the rule
 * stack outermost first joined by " > ", lines separated by "\n" (docs/decisions.md).
 * Undefined when the policy parses; checker findings have no known service text.
 */
export function serviceParsingError(result: Pick<ParseResult, "diagnostics">): ServiceError | undefined {
  const first = result.diagnostics.find((d) => d.syntax !== undefined || d.code === "parser-limit");
  return first ? serviceError("PolicyParsingError", renderParserException(first)) : undefined;
}

/**
 * Why the service refuses a policy that does not load: its parser's text for a syntax error, else
 * the first checker error in the same frame, at its 1-based line and 0-based column (the service's
 * text for such errors is unknown: docs/decisions.md). Undefined when nothing is an error.
 */
export function policyRejection(result: Pick<ParseResult, "diagnostics">): ServiceError | undefined {
  const syntax = serviceParsingError(result);
  if (syntax) return syntax;
  const first = result.diagnostics.find((d) => d.severity === "error");
  if (!first) return undefined;
  const { line, character } = first.range.start;
  const message = `Policy Parser Exception Thrown: ${first.message}\nLine: '${line + 1}', Column: '${character}'`;
  return serviceError("PolicyParsingError", message);
}

export function renderParserException(diagnostic: Diagnostic): string {
  const syntax = diagnostic.syntax;
  if (!syntax) return `Policy Parser Exception Thrown: ${diagnostic.message}`;
  return [
    `Policy Parser Exception Thrown: Offending symbol: '${syntax.offendingSymbol}'`,
    `Line: '${syntax.line}', Column: '${syntax.column}'`,
    `Failure message: '${diagnostic.message}'`,
    `Failing rule: '${syntax.ruleStack.join(" > ")}'`,
  ].join("\n");
}
