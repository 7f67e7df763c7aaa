import type { Condition, Name } from "../ast.js";
import { visitScope } from "../identifier-scope.js";
import type { Range } from "../position.js";
import { closestAll, orList } from "../suggest.js";
import { CheckContext, replaceFix } from "./context.js";

/** Unbound, negated and duplicate identifiers, by the language's one scoping rule (identifier-scope.ts). */
export function checkIdentifiers(ctx: CheckContext): void {
  for (const [rule] of ctx.rules())
    visitScope(rule, {
      use: (text, range, bound) => checkBound(ctx, { text, range }, bound),
      bind: (text, range, _condition, refused) => {
        if (refused === "negated")
          ctx.report(
            "error",
            "negated-identifier",
            `'${text}' binds nothing: a '!' condition holds only when no claim matches.`,
            range,
          );
        else if (refused === "duplicate")
          ctx.report("error", "duplicate-identifier", `'${text}' is already bound in this rule.`, range);
      },
    });
}

function checkBound(
  ctx: CheckContext,
  name: Name | { text: string; range: Range },
  bound: ReadonlyMap<string, Condition>,
): void {
  if (bound.has(name.text)) return;
  // `c3` with `c1` and `c2` bound: each is offered, neither guessed.
  const suggestions = closestAll(name.text, bound.keys());
  const several = suggestions.length > 1;
  ctx.report(
    "error",
    "unbound-identifier",
    `'${name.text}' is not bound by an earlier condition of this rule.`,
    name.range,
    {
      ...(suggestions.length > 0 && {
        hint: `Did you mean ${orList(suggestions)}?`,
        fixes: suggestions.map((s) => ({
          ...replaceFix(`Change to '${s}'`, name.range, s),
          ...(several && { offerOnly: true as const }),
        })),
      }),
    },
  );
}
