/**
 * Which identifier is bound where: the one statement of the language's scoping, read by the
 * checker (unbound, duplicate, negated identifiers) and the queries (definition, references,
 * rename). Identifiers are scoped to one rule and bound left to right: a condition may use what
 * the conditions before it bind, and the action may use all of them (docs/decisions.md).
 */
import type { Condition, Expression, Rule } from "./ast.js";
import { walk } from "./checker/walk.js";
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
  const uses = (expression: Expression) => {
    if (!visitor.use) return;
    for (const node of walk(expression)) {
      if (node.kind === "PropertyReference") visitor.use(node.identifier.text, node.identifier, bound);
      else if (node.kind === "IdentifierReference") visitor.use(node.name, node, bound);
    }
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
