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
import { nameText, policyView } from "./ast-views.js";
import type { PolicyClaims } from "./checker/claim-knowledge.js";
import type { Range } from "./position.js";
import { unquote } from "./string-literal.js";
import { NONE, NodeKind as K, type SyntaxTree } from "./syntax-tree.js";
import { ACTION_OF_TOKEN, OPERATOR_OF_TOKEN, SECTION_OF_TOKEN } from "./token-names.js";

/**
 * The policy's rules read once, straight from the records: every field a plain value, every
 * range computed only when asked. The checker's passes (and attestation-type inference) read
 * each node many times; a view makes new objects on every read, which made those passes most of
 * a check (docs/decisions.md, "The checker reads each node once"). Made once per policy and kept
 * with it (the inference of the attestation type, the checker and completion share it).
 */
export function snapshotOf(policy: ast.Policy): PolicySnapshot {
  if (policy instanceof PolicySnapshot) return policy;
  const view = policyView(policy);
  if (!view) return new PolicySnapshot(policy, policy.sections);
  if (view.snapshot) return view.snapshot as PolicySnapshot;
  const { tree, id } = view.records;
  const read = new PolicySnapshot(
    view,
    tree.list(id, POLICY.sections, (s) => new SectionRead(tree, s)),
  );
  view.snapshot = read;
  return read;
}

/**
 * A node's range from its record, computed on each read (rare: only findings ask for one).
 * Fields are declared and assigned, not class fields: define semantics made construction a slow
 * generic call (as ast-views.ts measured).
 */
class Read {
  declare protected readonly tree: SyntaxTree;
  declare protected readonly id: number;

  constructor(tree: SyntaxTree, id: number) {
    this.tree = tree;
    this.id = id;
  }

  get range(): Range {
    return this.tree.range(this.id);
  }

  protected spanRange(slot: number): Range {
    return this.tree.spanRange(this.id, slot);
  }
}

/** The sections read once; the version and comments, read once by the checker, through the view. */
export class PolicySnapshot implements ast.Policy {
  declare readonly sections: readonly ast.Section[];
  declare private readonly view: ast.Policy;
  /** The claim walk over these sections (`checker/claim-knowledge.ts`), made when first asked. */
  declare claims: PolicyClaims | undefined;

  constructor(view: ast.Policy, sections: readonly ast.Section[]) {
    this.view = view;
    this.sections = sections;
    this.claims = undefined;
  }

  get kind(): "Policy" {
    return "Policy";
  }

  get range(): Range {
    return this.view.range;
  }

  get version(): ast.VersionInfo | undefined {
    return this.view.version;
  }

  get comments(): readonly ast.Comment[] {
    return this.view.comments;
  }
}

class NameRead extends Read implements ast.Name {
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

class SectionRead extends Read implements ast.Section {
  get kind(): "Section" {
    return "Section";
  }
  declare readonly name: ast.SectionName;
  declare readonly rules: readonly ast.Rule[];

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.name = SECTION_OF_TOKEN[tree.int(id, SECTION.keywordToken)];
    this.rules = tree.list(id, SECTION.rules, (rule) => new RuleRead(tree, rule));
  }

  get keywordRange(): Range {
    return this.spanRange(SECTION.keyword);
  }
}

class RuleRead extends Read implements ast.Rule {
  get kind(): "Rule" {
    return "Rule";
  }
  declare readonly conditions: readonly ast.Condition[];
  declare readonly action: ast.Action;

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.conditions = tree.list(id, RULE.conditions, (condition) => new ConditionRead(tree, condition));
    this.action = new ActionRead(tree, tree.int(id, RULE.action));
  }
}

class ConditionRead extends Read implements ast.Condition {
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

class PropertyConditionRead extends Read implements ast.PropertyCondition {
  get kind(): "PropertyCondition" {
    return "PropertyCondition";
  }
  declare readonly property: ast.Name;
  declare readonly operator: ast.ComparisonOperator;
  declare readonly value: ast.Expression;

  constructor(tree: SyntaxTree, id: number) {
    super(tree, id);
    this.property = new NameRead(tree, id, PROPERTY_CONDITION.property);
    this.operator = OPERATOR_OF_TOKEN[tree.int(id, PROPERTY_CONDITION.operatorToken)];
    this.value = expression(tree, tree.int(id, PROPERTY_CONDITION.value));
  }

  get operatorRange(): Range {
    return this.spanRange(PROPERTY_CONDITION.operator);
  }
}

class ActionRead extends Read implements ast.Action {
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

class ClaimArgumentRead extends Read implements ast.ClaimArgument {
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
class LeafRead<N extends "String" | "Integer" | "Boolean" | "IdentifierReference", V> extends Read {
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

class PropertyReferenceRead extends Read implements ast.PropertyReference {
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

class FunctionCallRead extends Read implements ast.FunctionCall {
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
