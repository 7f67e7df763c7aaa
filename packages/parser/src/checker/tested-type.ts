import type { ComparisonOperator, PropertyCondition, StringLiteral } from "../ast.js";
import { PROPERTY_CONDITION } from "../ast-records.js";
import { nameText } from "../ast-views.js";
import { unquote } from "../string-literal.js";
import { NodeKind as K, type SyntaxTree } from "../syntax-tree.js";
import { OPERATOR_OF_TOKEN } from "../token-names.js";

/**
 * What the claim test of a condition reads of each of its property tests, however they are held:
 * as the check's objects (`OBJECTS`), or as records (`propertyRecords`), which inference reads
 * without making a node (about a tenth of a 10,000-rule analysis otherwise; docs/decisions.md).
 */
export interface PropertyTests<P> {
  name(property: P): string;
  operator(property: P): ComparisonOperator;
  /** Whether the value is a string literal. */
  isString(property: P): boolean;
  /** The value of a string literal (only asked where `isString`). */
  text(property: P): string;
}

/**
 * The property test of a condition that tests a claim type: its `type==` with a string literal.
 * Client-supplied claims (`issuer=="CustomClaim"`) have service-chosen names (spec §2.3): the
 * checker cannot know them, so such a condition is no test. The one definition of a claim test,
 * for inference and the checks alike.
 */
export function typeTest<P>(properties: readonly P[], read: PropertyTests<P>): P | undefined {
  let type: P | undefined;
  for (const p of properties) {
    const name = read.name(p);
    if (name === "type" && type === undefined && read.operator(p) === "==") {
      if (!read.isString(p)) return undefined;
      type = p;
    } else if (name === "issuer" && read.isString(p) && read.text(p) === "CustomClaim") return undefined;
  }
  return type;
}

/** The property tests as the check's objects. */
export const OBJECTS: PropertyTests<PropertyCondition> = {
  name: (p) => p.property.text,
  operator: (p) => p.operator,
  isString: (p) => p.value.kind === "String",
  text: (p) => (p.value as StringLiteral).value,
};

/** The property tests of `tree` as the ids of their records. */
export function propertyRecords(tree: SyntaxTree): PropertyTests<number> {
  const value = (id: number) => tree.int(id, PROPERTY_CONDITION.value);
  return {
    name: (id) => nameText(tree, id, PROPERTY_CONDITION.property),
    operator: (id) => OPERATOR_OF_TOKEN[tree.int(id, PROPERTY_CONDITION.operatorToken)],
    isString: (id) => tree.kind(value(id)) === K.String,
    text: (id) => unquote(tree.text(value(id))),
  };
}
