import type { StringLiteral } from "../ast.js";
import type { Range } from "../position.js";
import { rawIndexOf } from "../string-literal.js";
import { replaceFix, type CheckContext, type CheckedRule } from "./context.js";
import { checkQuery } from "./jmespath-query.js";
import { expressionsOf } from "./walk.js";

/**
 * Reads the query of every `JmesPath(json, "query")` written as a literal, and reports what
 * `checkQuery` finds at its place inside the string: syntax, functions of the dialect
 * (`jmespath-dialect.ts`), their arity and literal argument types.
 */
export function checkJmesPath(ctx: CheckContext, { rule }: CheckedRule): void {
  for (const expression of expressionsOf(rule)) {
    if (expression.kind !== "FunctionCall" || expression.name.text !== "JmesPath") continue;
    const query = expression.arguments[1];
    if (query?.kind !== "String") continue;
    if (query.value.trim() === "") {
      ctx.report("error", "jmespath-syntax", "The JMESPath query is empty.", query.range);
      continue;
    }
    for (const finding of checkQuery(query.value)) {
      const range = rangeInside(query, finding.index, finding.length);
      const fix = finding.replacement;
      ctx.report("error", finding.code, finding.message, range, {
        ...(finding.hint && { hint: finding.hint }),
        ...(fix && { fixes: [replaceFix(`Change to '${fix}'`, range, fix)] }),
      });
    }
  }
}

/** Characters of a single-line string literal's value, or its closing quote for an error at the end. */
function rangeInside(literal: StringLiteral, index: number, length: number): Range {
  const last = literal.raw.length - 1;
  const from = Math.min(rawIndexOf(literal.raw, index), last);
  const to = Math.max(from + 1, Math.min(rawIndexOf(literal.raw, index + length), last));
  const start = literal.range.start;
  const at = (i: number) => ({ line: start.line, character: start.character + i, offset: start.offset + i });
  return { start: at(from), end: at(to) };
}
