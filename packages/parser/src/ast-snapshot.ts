import type * as ast from "./ast.js";
import {
  ACTION,
  CLAIM_ARGUMENT,
  CONDITION,
  FUNCTION_CALL,
  POLICY,
  PROPERTY_CONDITION,
  PROPERTY_REFERENCE,
  RULE,
  SECTION,
} from "./ast-records.js";
import { nameText, policyView, RecordNode } from "./ast-views.js";
import type { Range } from "./position.js";
import { unquote } from "./string-literal.js";
import { NONE, NodeKind as K, type SyntaxTree } from "./syntax-tree.js";
import { ACTION_OF_TOKEN, OPERATOR_OF_TOKEN } from "./token-names.js";

/**
 * Each rule of the policy read straight from the records, with its section and its place in text
 * order: every field a plain value, read once, every range computed only when asked. A view makes
 * new objects on every read, and the checker's passes read each node many times; so the checker
 * reads each rule once and runs every check on it before the next (docs/decisions.md, "The checker
 * reads each rule once").
 *
 * Inference and the claim walks read the rules too. A policy of up to `KEEP_RULES_READ` rules
 * keeps its rules as read, and every walk after the first reuses them. A larger one is read again
 * by each walk, one rule at a time: keeping all its rules alive through the check made its young
 * collections copy them, which cost more than reading them again (twice the check at 10,000
 * rules; at 200 rules the same either way).
 */
export function forEachRule(
  policy: ast.Policy,
  visit: (rule: ast.Rule, section: ast.Section, index: number) => void,
): void {
  const sections = policy.sections;
  const view = policyView(policy);
  let index = 0;
  if (!view) {
    for (const section of sections) for (const rule of section.rules) visit(rule, section, index++);
    return;
  }
  if (view.rulesRead) {
    for (const { rule, section } of view.rulesRead) visit(rule, sections[section], index++);
    return;
  }
  const { tree, id } = view.records;
  const sectionIds = tree.list(id, POLICY.sections, (section) => section);
  const count = sectionIds.reduce((n, section) => n + tree.int(section, SECTION.rules), 0);
  const kept: RulesRead | undefined = count <= KEEP_RULES_READ ? [] : undefined;
  sectionIds.forEach((sectionId, section) => {
    for (const ruleId of tree.list(sectionId, SECTION.rules, (rule) => rule)) {
      const rule = new RuleRead(tree, ruleId);
      kept?.push({ rule, section });
      visit(rule, sections[section], index++);
    }
  });
  view.rulesRead = kept;
}

/** The most rules a policy keeps as read between walks (see `forEachRule`). */
export const KEEP_RULES_READ = 256;

/** A policy's rules as read, each with the index of its section. */
export type RulesRead = { readonly rule: ast.Rule; readonly section: number }[];

class NameRead extends RecordNode implements ast.Name {
  declare readonly text: string;
  declare private readonly slot: number;

  constructor(tree: SyntaxTree, id: number, slot: number) {
    super(tree, id);
    this.slot = slot;
    this.text = nameText(tree, id, slot);
  }

  override get range(): Range {
    return this.spanRange(this.slot);
  }
}

/**
 * Its conditions and its action are read when first asked: a claim walk that reads only the
 * actions (or the conditions) of every rule makes only those.
 */
class RuleRead extends RecordNode implements ast.Rule {
  get kind(): "Rule" {
    return "Rule";
  }
  declare private conditionsRead: readonly ast.Condition[] | undefined;
  declare private actionRead: ast.Action | undefined;

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.conditionsRead = undefined;
    this.actionRead = undefined;
  }

  get conditions(): readonly ast.Condition[] {
    const tree = this.tree;
    return (this.conditionsRead ??= tree.list(this.id, RULE.conditions, (c) => new ConditionRead(tree, c)));
  }

  get action(): ast.Action {
    return (this.actionRead ??= new ActionRead(this.tree, this.tree.int(this.id, RULE.action)));
  }
}

class ConditionRead extends RecordNode implements ast.Condition {
  get kind(): "Condition" {
    return "Condition";
  }
  declare readonly negated: boolean;
  declare readonly identifier: ast.Name | undefined;
  declare readonly properties: readonly ast.PropertyCondition[];

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.negated = tree.int(id, CONDITION.negated) === 1;
    this.identifier =
      tree.int(id, CONDITION.identifier) === NONE ? undefined : new NameRead(tree, id, CONDITION.identifier);
    this.properties = tree.list(id, CONDITION.properties, (p) => new PropertyConditionRead(tree, p));
  }
}

class PropertyConditionRead extends RecordNode implements ast.PropertyCondition {
  get kind(): "PropertyCondition" {
    return "PropertyCondition";
  }
  declare readonly property: ast.Name;
  declare readonly operator: ast.ComparisonOperator;
  /** Read when first asked: inference reads only the values of `type` and `issuer`. */
  declare private valueRead: ast.Expression | undefined;

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.property = new NameRead(tree, id, PROPERTY_CONDITION.property);
    this.operator = OPERATOR_OF_TOKEN[tree.int(id, PROPERTY_CONDITION.operatorToken)];
    this.valueRead = undefined;
  }

  get value(): ast.Expression {
    return (this.valueRead ??= expression(this.tree, this.tree.int(this.id, PROPERTY_CONDITION.value)));
  }

  get operatorRange(): Range {
    return this.spanRange(PROPERTY_CONDITION.operator);
  }
}

class ActionRead extends RecordNode implements ast.Action {
  get kind(): "Action" {
    return "Action";
  }
  declare readonly name: ast.ActionName;
  declare readonly arguments: readonly ast.ClaimArgument[];

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.name = ACTION_OF_TOKEN[tree.int(id, ACTION.nameToken)];
    this.arguments = tree.list(id, ACTION.arguments, (argument) => new ClaimArgumentRead(tree, argument));
  }

  get nameRange(): Range {
    return this.spanRange(ACTION.name);
  }
}

class ClaimArgumentRead extends RecordNode implements ast.ClaimArgument {
  get kind(): "ClaimArgument" {
    return "ClaimArgument";
  }
  declare readonly name: ast.Name;
  declare readonly value: ast.Expression;

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.name = new NameRead(tree, id, CLAIM_ARGUMENT.name);
    this.value = expression(tree, tree.int(id, CLAIM_ARGUMENT.value));
  }
}

/** A literal or a bare identifier: its kind, its text and what the text means. */
class LeafRead<N extends "String" | "Integer" | "Boolean" | "IdentifierReference", V> extends RecordNode {
  declare readonly kind: N;
  declare readonly raw: string;
  declare readonly value: V;

  constructor(tree: SyntaxTree, id: number, kind: N, raw: string, value: V) {
    super(tree, id);
    this.kind = kind;
    this.raw = raw;
    this.value = value;
  }

  /** An identifier reference's name is its text. */
  get name(): string {
    return this.raw;
  }
}

class PropertyReferenceRead extends RecordNode implements ast.PropertyReference {
  get kind(): "PropertyReference" {
    return "PropertyReference";
  }
  declare readonly identifier: ast.Name;
  declare readonly property: ast.Name;

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.identifier = new NameRead(tree, id, PROPERTY_REFERENCE.identifier);
    this.property = new NameRead(tree, id, PROPERTY_REFERENCE.property);
  }
}

class FunctionCallRead extends RecordNode implements ast.FunctionCall {
  get kind(): "FunctionCall" {
    return "FunctionCall";
  }
  declare readonly name: ast.Name;
  declare readonly arguments: readonly ast.Expression[];

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.name = new NameRead(tree, id, FUNCTION_CALL.name);
    this.arguments = tree.list(id, FUNCTION_CALL.arguments, (argument) => expression(tree, argument));
  }
}

function expression(tree: SyntaxTree, id: number): ast.Expression {
  const kind = tree.kind(id);
  if (kind === K.PropertyReference) return new PropertyReferenceRead(tree, id);
  if (kind === K.FunctionCall) return new FunctionCallRead(tree, id);
  const raw = tree.text(id);
  switch (kind) {
    case K.String:
      return new LeafRead(tree, id, "String", raw, unquote(raw));
    case K.Integer:
      return new LeafRead(tree, id, "Integer", raw, Number(raw));
    case K.Boolean:
      return new LeafRead(tree, id, "Boolean", raw, raw === "true");
    default:
      return new LeafRead(tree, id, "IdentifierReference", raw, undefined);
  }
}
