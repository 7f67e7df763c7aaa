import type {
  ActionName,
  ComparisonOperator,
  Condition,
  Expression,
  Policy,
  Rule,
  SectionName,
  StringLiteral,
} from "../ast.js";
import type { ClaimValueType } from "../claim.js";
import {
  CLAIM_CATALOGUE,
  catalogueFor,
  findCatalogueClaim,
  type AttestationType,
  type CatalogueClaim,
} from "../claims-catalogue.js";
import { forEachRule } from "../ast-snapshot.js";
import { policyView } from "../ast-views.js";
import type { CheckContext, CheckedRule } from "./context.js";

/** What the checker is told about claims: the attestation type, if any, and claims the project declares. */
export interface ClaimEnvironment {
  readonly attestationType: AttestationType | undefined;
  readonly declared: Readonly<Record<string, ClaimValueType>>;
}

export const NO_CLAIM_ENVIRONMENT: ClaimEnvironment = { attestationType: undefined, declared: {} };

/** A claim a condition can meet at its rule, and what is known of its values. */
export interface KnownClaim {
  readonly valueType: ClaimValueType | undefined;
  readonly catalogue?: CatalogueClaim;
}

/** A `value` comparison of a condition, its parts read once (each read of a view makes objects). */
export interface ValueComparison {
  readonly operator: ComparisonOperator;
  readonly value: Expression;
}

/** One `type=="…"` test of a condition, with what the claim checks read of it and its rule. */
export interface ClaimTest {
  readonly claimType: string;
  /** The `type==` literal, for its range (computed only for a finding). */
  readonly typeLiteral: StringLiteral;
  readonly values: readonly ValueComparison[];
  readonly negated: boolean;
  readonly action: ActionName;
  readonly section: SectionName;
  /** The rule's place in text order, for "added earlier". */
  readonly ruleIndex: number;
}

interface Added {
  /** The first rule that adds it; its line is looked up only for a message (`addedLater`). */
  readonly ruleIndex: number;
  /** Undefined when the rules that add it give values of different or unknown types. */
  readonly valueType: ClaimValueType | undefined;
}

/** What the policy's claim walks found, each made when first asked and kept with the policy. */
export interface PolicyClaims {
  tested?: ReadonlyMap<CatalogueClaim, number>;
  added?: ReadonlyMap<string, Added>;
}

/** The policy's own place for its claim walks: inference, the checks and completion share them. */
function memoOf(policy: Policy): PolicyClaims {
  const view = policyView(policy);
  return view ? (view.claims ??= {}) : {};
}

/**
 * How many conditions test each catalogued claim, in the order of their first test: what
 * inference reads (`attestation-type.ts`). Counts, not the tests: a large policy's tests kept
 * through the check made most of its garbage collection.
 */
export function testedClaims(policy: Policy): ReadonlyMap<CatalogueClaim, number> {
  const memo = memoOf(policy);
  if (memo.tested) return memo.tested;
  const tested = new Map<CatalogueClaim, number>();
  forEachRule(policy, (rule) => {
    for (const condition of rule.conditions) {
      const type = testedType(condition);
      const claim = type && findCatalogueClaim(type.value);
      if (claim) tested.set(claim, (tested.get(claim) ?? 0) + 1);
    }
  });
  return (memo.tested = tested);
}

/**
 * The claims the policy's rules add or issue, by type, with the first rule that does. Walked only
 * when a condition names a claim that is not catalogued for its attestation type, or completion
 * asks: most policies test only incoming claims.
 */
function addedClaims(policy: Policy): ReadonlyMap<string, Added> {
  const memo = memoOf(policy);
  if (memo.added) return memo.added;
  const added = new Map<string, Added>();
  forEachRule(policy, (rule, _section, index) => noteAdded(added, rule, index));
  return (memo.added = added);
}

/** The claim tests of one rule's conditions. */
function claimTests({ rule, section, index }: CheckedRule): ClaimTest[] {
  const tests: ClaimTest[] = [];
  const action = rule.action.name;
  for (const condition of rule.conditions) {
    const test = readCondition(condition, action, section.name, index);
    if (test) tests.push(test);
  }
  return tests;
}

/**
 * The claim types the policy's own actions produce (`add(type="x", …)`), in text order: what
 * completion offers beside the catalogue, from the walk the checker already made.
 */
export function policyClaimTypes(policy: Policy): string[] {
  return [...addedClaims(policy).keys()];
}

function noteAdded(added: Map<string, Added>, rule: Rule, ruleIndex: number): void {
  const action = rule.action;
  if (action.name === "permit" || action.name === "deny") return;
  const args = action.arguments;
  const type = args.find((a) => a.name.text === "type")?.value;
  if (type?.kind !== "String") return;
  const value = args.find((a) => a.name.text === "value")?.value;
  const valueType = value && literalType(value);
  const known = added.get(type.value);
  if (!known) added.set(type.value, { ruleIndex, valueType });
  else if (known.valueType !== valueType) added.set(type.value, { ...known, valueType: undefined });
}

/**
 * What each condition's claim type can be, from the catalogue for the attestation type, the
 * project's declared claims and the claims the policy's own earlier rules add or issue (rules
 * run once, in text order, so a claim added later is not there yet). Built once per check.
 */
export class ClaimKnowledge {
  /** The claim tests of the rule being checked: both claim checks read them. */
  private current: { rule: Rule; tests: readonly ClaimTest[] } | undefined;

  static of(ctx: CheckContext): ClaimKnowledge {
    return (ctx.memo.knowledge ??= new ClaimKnowledge(ctx));
  }

  private constructor(private readonly ctx: CheckContext) {}

  private get added(): ReadonlyMap<string, Added> {
    return addedClaims(this.ctx.policy);
  }

  /** The claim tests of `checked`'s conditions, read once for the checks of that rule. */
  testsOf(checked: CheckedRule): readonly ClaimTest[] {
    if (this.current?.rule !== checked.rule)
      this.current = { rule: checked.rule, tests: claimTests(checked) };
    return this.current.tests;
  }

  get attestationType(): AttestationType | undefined {
    return this.ctx.claims.attestationType;
  }

  /** The claim as the condition at `ruleIndex` can meet it, or undefined when nothing gives it. */
  known(type: string, ruleIndex: number): KnownClaim | undefined {
    const catalogue = this.incoming(type);
    if (catalogue) return { valueType: catalogue.valueType, catalogue };
    const declared = this.ctx.claims.declared[type];
    if (declared) return { valueType: declared };
    const added = this.added.get(type);
    if (added && added.ruleIndex < ruleIndex) return { valueType: added.valueType };
    return undefined;
  }

  /** An incoming claim of the policy's attestation type (of any type, when none is known). */
  incoming(type: string): CatalogueClaim | undefined {
    const claim = findCatalogueClaim(type);
    const t = this.attestationType;
    return claim && (t === undefined || claim.attestationTypes.includes(t)) ? claim : undefined;
  }

  /** The line of the first rule that adds `type` after `ruleIndex`, if one does. */
  addedLater(type: string, ruleIndex: number): number | undefined {
    const added = this.added.get(type);
    return added && added.ruleIndex >= ruleIndex ? lineOfRule(this.ctx.policy, added.ruleIndex) : undefined;
  }

  /** The catalogued names a misspelling may have meant. */
  catalogueNames(): readonly string[] {
    const t = this.attestationType;
    return (t === undefined ? CLAIM_CATALOGUE : catalogueFor(t)).map((c) => c.type);
  }

  /** The declared names and those added before `ruleIndex`, which a misspelling may have meant too. */
  localNames(ruleIndex: number): string[] {
    const added = [...this.added].filter(([, a]) => a.ruleIndex < ruleIndex).map(([name]) => name);
    return [...Object.keys(this.ctx.claims.declared), ...added];
  }
}

/** The line (1-based) where the rule at `ruleIndex`, in text order, starts. */
function lineOfRule(policy: Policy, ruleIndex: number): number | undefined {
  let index = ruleIndex;
  for (const section of policy.sections) {
    const rules = section.rules;
    if (index < rules.length) return rules[index].range.start.line + 1;
    index -= rules.length;
  }
  return undefined;
}

/** The claim type a condition tests and its `value` comparisons. */
function readCondition(
  condition: Condition,
  action: ActionName,
  section: SectionName,
  ruleIndex: number,
): ClaimTest | undefined {
  const type = testedType(condition);
  if (!type) return undefined;
  const values: ValueComparison[] = [];
  for (const p of condition.properties)
    if (p.property.text === "value") values.push({ operator: p.operator, value: p.value });
  const negated = condition.negated;
  return { claimType: type.value, typeLiteral: type, values, negated, action, section, ruleIndex };
}

/**
 * The `type==` literal of a condition that tests a claim type; all that inference reads of it.
 * Client-supplied claims (`issuer=="CustomClaim"`) have service-chosen names (spec §2.3): the
 * checker cannot know them, so such a condition is no test.
 */
function testedType(condition: Condition): StringLiteral | undefined {
  let type: StringLiteral | undefined;
  for (const p of condition.properties) {
    const name = p.property.text;
    if (name === "type" && !type && p.operator === "==") {
      const value = p.value;
      if (value.kind !== "String") return undefined;
      type = value;
    } else if (name === "issuer") {
      const value = p.value;
      if (value.kind === "String" && value.value === "CustomClaim") return undefined;
    }
  }
  return type;
}

/** The value type of a literal (its kind names it), or undefined for anything else. */
export function literalType(expression: Expression): ClaimValueType | undefined {
  const kind = expression.kind;
  return kind === "String" || kind === "Integer" || kind === "Boolean" ? kind : undefined;
}

/**
 * Whether a condition that never holds (or always does) opens an authorization: a deny() that
 * can never fire, or a permit() held back by nothing. A `!` turns never into always.
 */
export function opensPolicy(test: ClaimTest, holds: "never" | "always"): boolean {
  if (test.section !== "authorizationrules") return false;
  const effective = test.negated ? (holds === "never" ? "always" : "never") : holds;
  return (
    (test.action === "deny" && effective === "never") || (test.action === "permit" && effective === "always")
  );
}

/** What the sentence after the finding says, for a condition that opens the policy. */
export function openingConsequence(test: ClaimTest): string {
  return test.action === "deny"
    ? " This deny() can never fire: the policy lets through what it means to refuse."
    : " Nothing here holds permit() back.";
}
