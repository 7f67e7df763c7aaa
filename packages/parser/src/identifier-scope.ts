/**
 * Which identifier is bound where: the one statement of the language's scoping, read by the
 * checker (unbound, duplicate, negated identifiers) and the queries (definition, references,
 * rename). Identifiers are scoped to one rule and bound left to right: a condition may use what
 * the conditions before it bind, and the action may use all of them (docs/decisions.md).
 */
import type { Condition, Expression, Rule } from "./ast.js";
import type { Range } from "./position.js";

/**
 * Where an identifier is written: its range is computed when read, and the checker reads it only
 * for a finding (one range a reference was a tenth of a large policy's check).
 */
export interface Written {
  readonly range: Range;
}

export interface ScopeVisitor {
  /** A use of `name` at `at`; `bound` is what is in scope there (name to its binding). */
  use?(name: string, at: Written, bound: ReadonlyMap<string, Condition>): void;
  /** A condition's identifier; `refused` says why it binds nothing (`!c:[...]`, or bound before). */
  bind?(name: string, at: Written, condition: Condition, refused: "negated" | "duplicate" | undefined): void;
}

/** Calls `visitor` for each identifier of `rule` in scoping order: a condition's uses, then its binding. */
export function visitScope(rule: Rule, visitor: ScopeVisitor): void {
  const bound = new Map<string, Condition>();
  // Outermost first, as `walk` orders them, without an array for each expression.
  const uses = (expression: Expression): void => {
    if (!visitor.use) return;
    if (expression.kind === "PropertyReference")
      visitor.use(expression.identifier.text, expression.identifier, bound);
    else if (expression.kind === "IdentifierReference") visitor.use(expression.name, expression, bound);
    else if (expression.kind === "FunctionCall") for (const argument of expression.arguments) uses(argument);
  };
  for (const condition of rule.conditions) {
    for (const property of condition.properties) uses(property.value);
    const identifier = condition.identifier;
    if (!identifier) continue;
    const refused = condition.negated ? "negated" : bound.has(identifier.text) ? "duplicate" : undefined;
    if (!refused) bound.set(identifier.text, condition);
    visitor.bind?.(identifier.text, identifier, condition, refused);
  }
  for (const argument of rule.action.arguments) uses(argument.value);
}
