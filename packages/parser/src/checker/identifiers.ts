import type { Condition } from "../ast.js";
import { visitScope, type Written } from "../identifier-scope.js";
import { closestAll, orList } from "../suggest.js";
import { CheckContext, replaceFix, type CheckedRule } from "./context.js";

/** Unbound, negated and duplicate identifiers, by the language's one scoping rule (identifier-scope.ts). */
export function checkIdentifiers(ctx: CheckContext, { rule }: CheckedRule): void {
  visitScope(rule, {
    use: (text, at, bound) => checkBound(ctx, text, at, bound),
    bind: (text, at, _condition, refused) => {
      if (refused === "negated")
        ctx.report(
          "error",
          "negated-identifier",
          `'${text}' binds nothing: a '!' condition holds only when no claim matches.`,
          at.range,
        );
      else if (refused === "duplicate")
        ctx.report("error", "duplicate-identifier", `'${text}' is already bound in this rule.`, at.range);
    },
  });
}

function checkBound(
  ctx: CheckContext,
  text: string,
  at: Written,
  bound: ReadonlyMap<string, Condition>,
): void {
  if (bound.has(text)) return;
  // `c3` with `c1` and `c2` bound: each is offered, neither guessed.
  const suggestions = closestAll(text, bound.keys());
  const several = suggestions.length > 1;
  const range = at.range;
  ctx.report(
    "error",
    "unbound-identifier",
    `'${text}' is not bound by an earlier condition of this rule.`,
    range,
    {
      ...(suggestions.length > 0 && {
        hint: `Did you mean ${orList(suggestions)}?`,
        fixes: suggestions.map((s) => ({
          ...replaceFix(`Change to '${s}'`, range, s),
          ...(several && { offerOnly: true as const }),
        })),
      }),
    },
  );
}
