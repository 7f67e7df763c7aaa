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
import type { Range } from "../position.js";
import type { ClaimValueType } from "../claim.js";
import {
  CLAIM_CATALOGUE,
  catalogueFor,
  findCatalogueClaim,
  type AttestationType,
  type CatalogueClaim,
} from "../claims-catalogue.js";
import { snapshotOf } from "../ast-snapshot.js";
import type { CheckContext } from "./context.js";

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
  readonly typeRange: Range;
  readonly values: readonly ValueComparison[];
  readonly negated: boolean;
  readonly action: ActionName;
  readonly section: SectionName;
  /** The rule's place in text order, for "added earlier". */
  readonly ruleIndex: number;
}

interface Added {
  readonly ruleIndex: number;
  /** The adding rule; its line is read only for a message. */
  readonly rule: Rule;
  /** Undefined when the rules that add it give values of different or unknown types. */
  readonly valueType: ClaimValueType | undefined;
}

export interface PolicyClaims {
  readonly tests: readonly ClaimTest[];
  readonly added: ReadonlyMap<string, Added>;
}

/**
 * The claim tests of a policy's conditions and the claims its rules add, in one walk per policy:
 * inference (`attestation-type.ts`) and the checks share it.
 */
export function policyClaims(policy: Policy): PolicyClaims {
  const read = snapshotOf(policy);
  if (read.claims) return read.claims;
  const tests: ClaimTest[] = [];
  const added = new Map<string, Added>();
  let ruleIndex = 0;
  for (const section of read.sections) {
    const sectionName = section.name;
    for (const rule of section.rules) {
      const action = rule.action.name;
      for (const condition of rule.conditions) {
        const test = readCondition(condition, action, sectionName, ruleIndex);
        if (test) tests.push(test);
      }
      noteAdded(added, rule, ruleIndex++);
    }
  }
  return (read.claims = { tests, added });
}

/**
 * The claim types the policy's own actions produce (`add(type="x", …)`), in text order: what
 * completion offers beside the catalogue, from the walk the checker already made.
 */
export function policyClaimTypes(policy: Policy): string[] {
  return [...policyClaims(policy).added.keys()];
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
  if (!known) added.set(type.value, { ruleIndex, rule, valueType });
  else if (known.valueType !== valueType) added.set(type.value, { ...known, valueType: undefined });
}

/**
 * What each condition's claim type can be, from the catalogue for the attestation type, the
 * project's declared claims and the claims the policy's own earlier rules add or issue (rules
 * run once, in text order, so a claim added later is not there yet). Built once per check.
 */
export class ClaimKnowledge {
  readonly tests: readonly ClaimTest[];
  private readonly added: ReadonlyMap<string, Added>;

  static of(ctx: CheckContext): ClaimKnowledge {
    return (ctx.memo.knowledge ??= new ClaimKnowledge(ctx));
  }

  private constructor(private readonly ctx: CheckContext) {
    ({ tests: this.tests, added: this.added } = policyClaims(ctx.policy));
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
    return added && added.ruleIndex >= ruleIndex ? added.rule.range.start.line + 1 : undefined;
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

/**
 * The claim type a condition tests and its `value` comparisons, in one pass over its properties.
 * Client-supplied claims (`issuer=="CustomClaim"`) have service-chosen names (spec §2.3): the
 * checker cannot know them, so such a condition is no test.
 */
function readCondition(
  condition: Condition,
  action: ActionName,
  section: SectionName,
  ruleIndex: number,
): ClaimTest | undefined {
  let type: StringLiteral | undefined;
  const values: ValueComparison[] = [];
  for (const p of condition.properties) {
    const name = p.property.text;
    if (name === "value") values.push({ operator: p.operator, value: p.value });
    else if (name === "type" && !type && p.operator === "==") {
      const value = p.value;
      if (value.kind !== "String") return undefined;
      type = value;
    } else if (name === "issuer") {
      const value = p.value;
      if (value.kind === "String" && value.value === "CustomClaim") return undefined;
    }
  }
  if (!type) return undefined;
  const negated = condition.negated;
  return { claimType: type.value, typeRange: type.range, values, negated, action, section, ruleIndex };
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
