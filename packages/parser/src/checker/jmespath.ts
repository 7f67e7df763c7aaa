import { compile, tokenize } from "@jmespath-community/jmespath";
import type { StringLiteral } from "../ast.js";
import type { Range } from "../position.js";
import { rawIndexOf } from "../string-literal.js";
import type { CheckContext } from "./context.js";
import { expressionsOf } from "./walk.js";

/**
 * Compiles the query of every `JmesPath(json, "query")` with a real JMESPath implementation and
 * reports its error at the offending place inside the string. The library reports no positions, so
 * the place is found by lexing and by compiling growing prefixes (queries are short).
 */
export function checkJmesPath(ctx: CheckContext): void {
  for (const [rule] of ctx.rules()) {
    for (const expression of expressionsOf(rule)) {
      if (expression.kind !== "FunctionCall" || expression.name.text !== "JmesPath") continue;
      const query = expression.arguments[1];
      if (query?.kind !== "String") continue;
      if (query.value.trim() === "") {
        ctx.report("error", "jmespath-syntax", "The JMESPath query is empty.", query.range);
        continue;
      }
      const error = jmesPathError(query.value);
      if (error)
        ctx.report("error", "jmespath-syntax", `JMESPath: ${error.message}`, rangeInside(query, error.index));
    }
  }
}

export interface JmesPathError {
  readonly message: string;
  /** Index into the query of the offending character. */
  readonly index: number;
}

export function jmesPathError(query: string): JmesPathError | undefined {
  const failure = compileError(query);
  if (!failure) return undefined;
  let tokens: { start: number; value: unknown }[];
  try {
    tokens = tokenize(query);
  } catch {
    return { message: failure, index: firstLexerFailure(query) };
  }
  for (const token of tokens) {
    const end = token.start + String(token.value).length;
    const prefixError = compileError(query.slice(0, end));
    if (prefixError && !prefixError.includes("EOF")) return { message: failure, index: token.start };
  }
  return { message: failure, index: query.length };
}

function compileError(query: string): string | undefined {
  try {
    compile(query);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The shortest prefix the lexer rejects ends at the bad character. */
function firstLexerFailure(query: string): number {
  for (let end = 1; end <= query.length; end++) {
    try {
      tokenize(query.slice(0, end));
    } catch {
      return end - 1;
    }
  }
  return query.length;
}

/** One character of a single-line string literal, or its closing quote for an error at the end. */
function rangeInside(literal: StringLiteral, index: number): Range {
  const rawIndex = Math.min(rawIndexOf(literal.raw, index), literal.raw.length - 1);
  const start = literal.range.start;
  const at = (i: number) => ({ line: start.line, character: start.character + i, offset: start.offset + i });
  return { start: at(rawIndex), end: at(rawIndex + 1) };
}
