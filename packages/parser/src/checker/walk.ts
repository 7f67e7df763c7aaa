import type { Expression, Rule } from "../ast.js";

// Arrays rather than generators: every check walks every rule, and the language server checks on
// each keystroke; nested `yield*` was a measurable part of that.

/** Every expression of a rule (condition values, action arguments, nested call arguments), outermost first. */
export function expressionsOf(rule: Rule): Expression[] {
  const found: Expression[] = [];
  for (const condition of rule.conditions)
    for (const property of condition.properties) collect(property.value, found);
  for (const argument of rule.action.arguments) collect(argument.value, found);
  return found;
}

function collect(expression: Expression, found: Expression[]): void {
  found.push(expression);
  if (expression.kind === "FunctionCall")
    for (const argument of expression.arguments) collect(argument, found);
}
