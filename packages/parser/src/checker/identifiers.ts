import type { Condition, Expression, Name } from "../ast.js";
import type { Range } from "../position.js";
import { closestAll, orList } from "../suggest.js";
import { CheckContext, replaceFix, type CheckedRule } from "./context.js";
import { walk } from "./walk.js";

/**
 * Identifiers are scoped to one rule and bound left to right: a condition may use identifiers bound
 * by the conditions before it, and the action may use all of them (docs/decisions.md).
 */
export function checkIdentifiers(ctx: CheckContext, { rule }: CheckedRule): void {
  const bound = new Map<string, Condition>();
  for (const condition of rule.conditions) {
    for (const property of condition.properties) checkReferences(ctx, property.value, bound);
    const identifier = condition.identifier;
    if (!identifier) continue;
    if (condition.negated) {
      ctx.report(
        "error",
        "negated-identifier",
        `'${identifier.text}' binds nothing: a '!' condition holds only when no claim matches.`,
        identifier.range,
      );
      continue;
    }
    if (bound.has(identifier.text)) {
      ctx.report(
        "error",
        "duplicate-identifier",
        `'${identifier.text}' is already bound in this rule.`,
        identifier.range,
      );
      continue;
    }
    bound.set(identifier.text, condition);
  }
  for (const argument of rule.action.arguments) checkReferences(ctx, argument.value, bound);
}

function checkReferences(
  ctx: CheckContext,
  expression: Expression,
  bound: ReadonlyMap<string, Condition>,
): void {
  for (const node of walk(expression)) {
    if (node.kind === "PropertyReference") checkBound(ctx, node.identifier, bound);
    else if (node.kind === "IdentifierReference")
      checkBound(ctx, { text: node.name, range: node.range }, bound);
  }
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
