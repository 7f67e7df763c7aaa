import type * as ast from "./ast.js";
import type { RulesRead } from "./ast-snapshot.js";
import type { PolicyClaims } from "./checker/claim-knowledge.js";
import { CLAIM_PROPERTIES } from "./language.js";
import type { Range } from "./position.js";
import { unquote } from "./string-literal.js";
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
  VERSION_INFO,
} from "./ast-records.js";
import { NONE, NodeKind as K, type SyntaxTree } from "./syntax-tree.js";
import { ACTION_OF_TOKEN, OPERATOR_OF_TOKEN, SECTION_OF_TOKEN } from "./token-names.js";

/**
 * The AST's nodes as views over the records of a `SyntaxTree`: each getter reads the record when
 * asked and makes the child views, ranges and strings then. Nothing is cached: views are cheap,
 * die young, and a walk over a large policy costs time in proportion to it instead of holding
 * every node (docs/decisions.md, "A compact syntax tree"). So two reads of the same child give
 * equal views, not the same object; compare nodes by range, never by identity.
 *
 * `toJSON` gives the node as plain data, fields in the order `ast.ts` lists them; `plainAst` is the
 * way to walk a tree generically (the formatter's comparison, the tests' printer).
 */
/**
 * A node of the tree by its record: the base of the views, and of the checker's read of the rules
 * (ast-snapshot.ts). Its range is computed on each read.
 */
export class RecordNode {
  // Assigned, not declared as class fields: the define semantics of fields made every view's
  // construction a slow generic call (a third of a check's time), one base for fifteen shapes.
  declare protected readonly tree: SyntaxTree;
  declare protected readonly id: number;

  constructor(tree: SyntaxTree, id: number) {
    this.tree = tree;
    this.id = id;
  }

  get range(): Range {
    return this.tree.range(this.id);
  }

  /** The range of the span the record stores at `slot`. */
  protected spanRange(slot: number): Range {
    return this.tree.spanRange(this.id, slot);
  }
}

abstract class View extends RecordNode {
  protected int(slot: number): number {
    return this.tree.int(this.id, slot);
  }

  protected nameAt(slot: number): ast.Name {
    return new NameView(this.tree, this.id, slot);
  }

  protected expressionAt(slot: number): ast.Expression {
    return expressionView(this.tree, this.int(slot));
  }

  abstract toJSON(): object;
}

/**
 * The names nearly every rule repeats, compared in place and kept once: otherwise each read of a
 * condition's `type` would copy it out of the text again.
 */
const COMMON_NAMES: readonly string[] = [...CLAIM_PROPERTIES, "claim"];

/** The text of a name stored as a span of record `id`, at `slot` and `slot + 1`. */
export function nameText(tree: SyntaxTree, id: number, slot: number): string {
  const start = tree.int(id, slot);
  const end = tree.int(id, slot + 1);
  const text = tree.source.text;
  for (const name of COMMON_NAMES)
    if (name.length === end - start && text.startsWith(name, start)) return name;
  return text.slice(start, end);
}

/** A name stored as a span of its parent's record, at `slot` and `slot + 1`. */
class NameView implements ast.Name {
  declare private readonly tree: SyntaxTree;
  declare private readonly id: number;
  declare private readonly slot: number;

  constructor(tree: SyntaxTree, id: number, slot: number) {
    this.tree = tree;
    this.id = id;
    this.slot = slot;
  }

  get text(): string {
    return nameText(this.tree, this.id, this.slot);
  }

  get range(): Range {
    return this.tree.spanRange(this.id, this.slot);
  }

  toJSON(): ast.Name {
    return { text: this.text, range: this.range };
  }
}

/** The root view of a policy read from text, whose records ast-snapshot.ts reads directly. */
export function policyView(policy: ast.Policy): PolicyView | undefined {
  return policy instanceof PolicyView ? policy : undefined;
}

export class PolicyView extends View implements ast.Policy {
  /**
   * The claim walk over this policy (`checker/claim-knowledge.ts`), made when first asked and kept
   * with the policy: inference, the checker and completion share it. A field, not a WeakMap, whose
   * entries outlive young collections (they made GC a third of a check).
   */
  declare claims: PolicyClaims | undefined;
  /** Its rules as `forEachRule` read them, kept when the policy is small (`KEEP_RULES_READ`). */
  declare rulesRead: RulesRead | undefined;

  get records(): { tree: SyntaxTree; id: number } {
    return { tree: this.tree, id: this.id };
  }

  get kind(): "Policy" {
    return "Policy";
  }

  override get range(): Range {
    return this.tree.source.lines.range(0, this.tree.source.text.length);
  }

  get version(): ast.VersionInfo | undefined {
    const version = this.int(POLICY.version);
    return version === NONE ? undefined : new VersionInfoView(this.tree, version);
  }

  get sections(): ast.Section[] {
    return this.tree.list(this.id, POLICY.sections, (id) => new SectionView(this.tree, id));
  }

  get comments(): ast.Comment[] {
    const slot = this.tree.afterList(this.id, POLICY.sections);
    return this.tree.list(this.id, slot, (id) => new CommentView(this.tree, id));
  }

  toJSON(): ast.Policy {
    const { kind, range, version, sections, comments } = this;
    return { kind, range, version, sections, comments };
  }
}

class VersionInfoView extends View implements ast.VersionInfo {
  get kind(): "VersionInfo" {
    return "VersionInfo";
  }

  get text(): string {
    return this.tree.spanText(this.id, VERSION_INFO.number);
  }

  get numberRange(): Range {
    return this.tree.spanRange(this.id, VERSION_INFO.number);
  }

  toJSON(): ast.VersionInfo {
    const { kind, range, text, numberRange } = this;
    return { kind, range, text, numberRange };
  }
}

class SectionView extends View implements ast.Section {
  get kind(): "Section" {
    return "Section";
  }

  get name(): ast.SectionName {
    return SECTION_OF_TOKEN[this.int(SECTION.keywordToken)];
  }

  get keywordRange(): Range {
    return this.tree.spanRange(this.id, SECTION.keyword);
  }

  get rules(): ast.Rule[] {
    return this.tree.list(this.id, SECTION.rules, (id) => new RuleView(this.tree, id));
  }

  toJSON(): ast.Section {
    const { kind, range, name, keywordRange, rules } = this;
    return { kind, range, name, keywordRange, rules };
  }
}

class RuleView extends View implements ast.Rule {
  get kind(): "Rule" {
    return "Rule";
  }

  get conditions(): ast.Condition[] {
    return this.tree.list(this.id, RULE.conditions, (id) => new ConditionView(this.tree, id));
  }

  get action(): ast.Action {
    return new ActionView(this.tree, this.int(RULE.action));
  }

  toJSON(): ast.Rule {
    const { kind, range, conditions, action } = this;
    return { kind, range, conditions, action };
  }
}

class ConditionView extends View implements ast.Condition {
  get kind(): "Condition" {
    return "Condition";
  }

  get negated(): boolean {
    return this.int(CONDITION.negated) === 1;
  }

  get identifier(): ast.Name | undefined {
    return this.int(CONDITION.identifier) === NONE ? undefined : this.nameAt(CONDITION.identifier);
  }

  get properties(): ast.PropertyCondition[] {
    return this.tree.list(this.id, CONDITION.properties, (id) => new PropertyConditionView(this.tree, id));
  }

  toJSON(): ast.Condition {
    const { kind, range, negated, identifier, properties } = this;
    return { kind, range, negated, identifier, properties };
  }
}

class PropertyConditionView extends View implements ast.PropertyCondition {
  get kind(): "PropertyCondition" {
    return "PropertyCondition";
  }

  get property(): ast.Name {
    return this.nameAt(PROPERTY_CONDITION.property);
  }

  get operator(): ast.ComparisonOperator {
    return OPERATOR_OF_TOKEN[this.int(PROPERTY_CONDITION.operatorToken)];
  }

  get operatorRange(): Range {
    return this.tree.spanRange(this.id, PROPERTY_CONDITION.operator);
  }

  get value(): ast.Expression {
    return this.expressionAt(PROPERTY_CONDITION.value);
  }

  toJSON(): ast.PropertyCondition {
    const { kind, range, property, operator, operatorRange, value } = this;
    return { kind, range, property, operator, operatorRange, value };
  }
}

class ActionView extends View implements ast.Action {
  get kind(): "Action" {
    return "Action";
  }

  get name(): ast.ActionName {
    return ACTION_OF_TOKEN[this.int(ACTION.nameToken)];
  }

  get nameRange(): Range {
    return this.tree.spanRange(this.id, ACTION.name);
  }

  get arguments(): ast.ClaimArgument[] {
    return this.tree.list(this.id, ACTION.arguments, (id) => new ClaimArgumentView(this.tree, id));
  }

  toJSON(): ast.Action {
    const { kind, range, name, nameRange, arguments: args } = this;
    return { kind, range, name, nameRange, arguments: args };
  }
}

class ClaimArgumentView extends View implements ast.ClaimArgument {
  get kind(): "ClaimArgument" {
    return "ClaimArgument";
  }

  get name(): ast.Name {
    return this.nameAt(CLAIM_ARGUMENT.name);
  }

  get value(): ast.Expression {
    return this.expressionAt(CLAIM_ARGUMENT.value);
  }

  toJSON(): ast.ClaimArgument {
    const { kind, range, name, value } = this;
    return { kind, range, name, value };
  }
}

/** A literal that keeps its source text (`raw`) beside the value read from it. */
abstract class RawLiteralView<K extends "String" | "Integer", V extends string | number> extends View {
  abstract get kind(): K;
  abstract get value(): V;

  get raw(): string {
    return this.tree.text(this.id);
  }

  toJSON(): { kind: K; range: Range; value: V; raw: string } {
    const { kind, range, value, raw } = this;
    return { kind, range, value, raw };
  }
}

class StringView extends RawLiteralView<"String", string> implements ast.StringLiteral {
  get kind(): "String" {
    return "String";
  }

  get value(): string {
    return unquote(this.raw);
  }
}

class IntegerView extends RawLiteralView<"Integer", number> implements ast.IntegerLiteral {
  get kind(): "Integer" {
    return "Integer";
  }

  get value(): number {
    return Number(this.raw);
  }
}

class BooleanView extends View implements ast.BooleanLiteral {
  get kind(): "Boolean" {
    return "Boolean";
  }

  get value(): boolean {
    return this.tree.text(this.id) === "true";
  }

  toJSON(): ast.BooleanLiteral {
    const { kind, range, value } = this;
    return { kind, range, value };
  }
}

class PropertyReferenceView extends View implements ast.PropertyReference {
  get kind(): "PropertyReference" {
    return "PropertyReference";
  }

  get identifier(): ast.Name {
    return this.nameAt(PROPERTY_REFERENCE.identifier);
  }

  get property(): ast.Name {
    return this.nameAt(PROPERTY_REFERENCE.property);
  }

  toJSON(): ast.PropertyReference {
    const { kind, range, identifier, property } = this;
    return { kind, range, identifier, property };
  }
}

class FunctionCallView extends View implements ast.FunctionCall {
  get kind(): "FunctionCall" {
    return "FunctionCall";
  }

  get name(): ast.Name {
    return this.nameAt(FUNCTION_CALL.name);
  }

  get arguments(): ast.Expression[] {
    return this.tree.list(this.id, FUNCTION_CALL.arguments, (id) => expressionView(this.tree, id));
  }

  toJSON(): ast.FunctionCall {
    const { kind, range, name, arguments: args } = this;
    return { kind, range, name, arguments: args };
  }
}

class IdentifierReferenceView extends View implements ast.IdentifierReference {
  get kind(): "IdentifierReference" {
    return "IdentifierReference";
  }

  get name(): string {
    return this.tree.text(this.id);
  }

  toJSON(): ast.IdentifierReference {
    const { kind, range, name } = this;
    return { kind, range, name };
  }
}

class CommentView extends View implements ast.Comment {
  get kind(): ast.Comment["kind"] {
    return this.tree.kind(this.id) === K.LineComment ? "LineComment" : "BlockComment";
  }

  get text(): string {
    return this.tree.text(this.id);
  }

  toJSON(): ast.Comment {
    const { kind, range, text } = this;
    return { kind, range, text };
  }
}

function expressionView(tree: SyntaxTree, id: number): ast.Expression {
  switch (tree.kind(id)) {
    case K.String:
      return new StringView(tree, id);
    case K.Integer:
      return new IntegerView(tree, id);
    case K.Boolean:
      return new BooleanView(tree, id);
    case K.PropertyReference:
      return new PropertyReferenceView(tree, id);
    case K.FunctionCall:
      return new FunctionCallView(tree, id);
    default:
      return new IdentifierReferenceView(tree, id);
  }
}

/**
 * The tree as plain objects (what `JSON.stringify` writes, `undefined` fields left out): for code
 * that walks any node generically by its fields, which views do not have as own properties.
 */
export function plainAst(node: unknown): unknown {
  return node === undefined ? undefined : JSON.parse(JSON.stringify(node));
}
