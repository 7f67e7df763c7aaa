import type { Expression, Rule } from "../ast.js";

/** Every expression of a rule (condition values, action arguments, nested call arguments), outermost first. */
export function* expressionsOf(rule: Rule): Generator<Expression> {
  for (const condition of rule.conditions)
    for (const property of condition.properties) yield* walk(property.value);
  for (const argument of rule.action.arguments) yield* walk(argument.value);
}

export function* walk(expression: Expression): Generator<Expression> {
  yield expression;
  if (expression.kind === "FunctionCall") for (const argument of expression.arguments) yield* walk(argument);
}
