import { SECTION_ORDER, type Claim, type Policy, type Rule, type SectionName } from "@maa-policy/parser";
import { compileAction, type CompiledAction } from "./compile-action.js";
import { compileCondition, type CompiledCondition } from "./compile-condition.js";
import { usesJmesPath } from "./compile-expression.js";
import { evaluateCompiled, type EvaluateOptions, type EvaluationResult } from "./evaluate.js";
import { loadJmesPath, type JmesPathEngine } from "./jmespath.js";
import { policyFacts, type PolicyFacts } from "./policy-facts.js";
import { preludeOf, type Prelude } from "./prelude.js";
import { planOf, type RulePlan } from "./rule-plan.js";
import type { Slots } from "./state.js";

export interface CompiledRule {
  readonly node: Rule;
  readonly section: SectionName;
  /** 0-based position in its section (over all sections of that name, in text order). */
  readonly index: number;
  readonly conditions: readonly CompiledCondition[];
  readonly slotCount: number;
  readonly action: CompiledAction;
  /** How the rule runs without a trace: its conditions in order, then its action if they all held. */
  readonly plan: RulePlan;
}

/** A policy compiled once, to evaluate many claim sets against. */
export interface CompiledPolicy {
  readonly policy: Policy;
  /** The sections that run, in order: those with rules, and authorizationrules, which gives the verdict. */
  readonly sections: readonly { readonly name: SectionName; readonly rules: readonly CompiledRule[] }[];
  readonly jmespath: JmesPathEngine | undefined;
  readonly facts: PolicyFacts;
  /** What the first rules do on every evaluation alike, done once (prelude.ts). */
  readonly prelude: Prelude | undefined;
  evaluate(claims: readonly Claim[], options?: EvaluateOptions): EvaluationResult;
}

/**
 * Compiles a parsed (and checked) policy into closures. Async only because the JMESPath library
 * is loaded on demand, when some rule calls JmesPath(); evaluation itself is synchronous.
 */
export async function compilePolicy(policy: Policy): Promise<CompiledPolicy> {
  const needsJmesPath = policy.sections.some((s) => s.rules.some(ruleUsesJmesPath));
  return compileWith(policy, needsJmesPath ? await loadJmesPath() : undefined);
}

function compileWith(policy: Policy, jmespath: JmesPathEngine | undefined): CompiledPolicy {
  const facts = policyFacts(policy);
  // Sections run in this order whatever their order in the text (docs/semantics.md, "Sections").
  const sections = SECTION_ORDER.map((name) => {
    const rules = policy.sections.filter((s) => s.name === name).flatMap((s) => s.rules);
    return { name, rules: rules.map((rule, index) => compileRule(rule, name, index, facts)) };
  }).filter((section) => section.rules.length > 0 || section.name === "authorizationrules");
  const compiled: CompiledPolicy = {
    policy,
    sections,
    jmespath,
    facts,
    prelude: sections[0].name === "configurationrules" ? preludeOf(sections[0].rules) : undefined,
    evaluate: (claims, options) => evaluateCompiled(compiled, claims, options),
  };
  return compiled;
}

function compileRule(node: Rule, section: SectionName, index: number, facts: PolicyFacts): CompiledRule {
  const slots: Slots = new Map();
  const conditions = node.conditions.map((c) => compileCondition(c, slots));
  const action = compileAction(node.action, slots, facts, section);
  const slotCount = slots.size;
  return { node, section, index, conditions, slotCount, action, plan: planOf(conditions, slotCount, action) };
}

function ruleUsesJmesPath(rule: Rule): boolean {
  return (
    rule.conditions.some((c) => c.properties.some((p) => usesJmesPath(p.value))) ||
    rule.action.arguments.some((a) => usesJmesPath(a.value))
  );
}
