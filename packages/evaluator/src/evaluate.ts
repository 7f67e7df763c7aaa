import {
  authorizationFailureMessage,
  describePosition,
  serviceError,
  type Claim,
  type Range,
  type SectionName,
  type ServiceError,
} from "@maa-policy/parser";
import type { CompiledPolicy, CompiledRule } from "./compile-policy.js";
import { Budget } from "./budget.js";
import { Decisions } from "./decisions.js";
import { ClaimSet } from "./claim-set.js";
import { DEFAULT_ENGINE_PROPERTIES, type EngineProperties } from "./engine-properties.js";
import { Fault } from "./fault.js";
import { MAX_EVALUATION_MS } from "./limits.js";
import { runPlanned } from "./rule-plan.js";
import { Tuning } from "./tuning.js";
import { EMPTY_SCOPE, type Scope, type State } from "./state.js";
import type { ConditionTrace, RuleTrace } from "./trace.js";

export interface EvaluateOptions {
  /** Record what every rule did (default true). Off, evaluation allocates only what it must. */
  readonly trace?: boolean;
  /** How long the evaluation may run before it stops with an error (default `MAX_EVALUATION_MS`). */
  readonly timeLimitMs?: number;
  /** Milliseconds for the time limit (default `Date.now`); tests pass a clock they control. */
  readonly clock?: () => number;
}

export type Outcome = "permit" | "deny" | "no-permit" | "error";

/** Where a runtime error happened. */
export interface EvaluationFailure {
  readonly section: SectionName;
  readonly index: number;
  /** The rule's range. */
  readonly rule: Range;
  /** The expression at fault, or the rule. */
  readonly range: Range;
  readonly detail: string;
}

export interface EvaluationResult {
  readonly outcome: Outcome;
  readonly permitted: boolean;
  /** A PolicyEvaluationError unless permitted, as the service reports it. */
  readonly error: ServiceError | undefined;
  readonly failure: EvaluationFailure | undefined;
  /** The outgoing claims (issue), in the order issued. */
  readonly issued: readonly Claim[];
  /** The property claims (issueproperty). */
  readonly properties: readonly Claim[];
  readonly engine: EngineProperties;
  /** The claims given to the evaluation. */
  readonly input: readonly Claim[];
  /**
   * The incoming claim set at the end, the input plus every added and issued claim, with a trace:
   * without one, claims no condition can read are not kept (most callers, a token, never ask).
   */
  readonly incoming: readonly Claim[] | undefined;
  readonly trace: readonly RuleTrace[] | undefined;
}

// The messages live with the language, where the checker's no-permit warning quotes them too.
export { DENY_MESSAGE, NO_PERMIT_MESSAGE } from "@maa-policy/parser";

export function evaluateCompiled(
  policy: CompiledPolicy,
  claims: readonly Claim[],
  options?: EvaluateOptions,
): EvaluationResult {
  const tracing = options?.trace ?? true;
  // Without a trace, evaluation starts from what the policy's prelude makes (prelude.ts).
  const prelude = tracing ? undefined : policy.prelude;
  const properties = prelude ? prelude.properties.slice() : [];
  const state: State = {
    incoming: new ClaimSet(
      claims,
      !policy.facts.producedUnread ? "read" : tracing ? "apart" : "dropped",
      policy.facts.typedConditions > Tuning.scansBeforeIndex,
    ),
    outgoing: [],
    outgoingByType: undefined,
    properties,
    engine: prelude ? prelude.engine : DEFAULT_ENGINE_PROPERTIES,
    permit: false,
    deny: false,
    jmespath: policy.jmespath,
    budget: new Budget(options?.timeLimitMs ?? MAX_EVALUATION_MS, options?.clock ?? Date.now),
    readOnly: undefined,
  };
  if (prelude) {
    state.budget.produce(properties.length);
    // Without a trace, produced claims join the set only when a condition may read them.
    if (!policy.facts.producedUnread)
      for (let i = 0; i < properties.length; i++) state.incoming.add(properties[i]);
  }
  const trace: RuleTrace[] | undefined = tracing ? [] : undefined;
  let outcome: Outcome = "permit";
  let error: ServiceError | undefined;
  let failure: EvaluationFailure | undefined;
  for (const section of policy.sections) {
    failure = trace
      ? runTracedRules(section.rules, state, trace)
      : runRules(section.rules, prelude && section.name === "configurationrules" ? prelude.rules : 0, state);
    if (failure) {
      outcome = "error";
      error = serviceError(
        "PolicyEvaluationError",
        `Policy Engine Exception: ${failure.detail} (${section.name} rule ${failure.index + 1}, ${describePosition(failure.range.start)})`,
      );
      break;
    }
    if (section.name === "authorizationrules") {
      // Decided after the whole section: a deny wins over any permit (spec §2.4).
      if (state.deny) outcome = "deny";
      else if (!state.permit) outcome = "no-permit";
      if (outcome !== "permit") {
        error = serviceError("PolicyEvaluationError", authorizationFailureMessage(outcome));
        break;
      }
    }
  }
  return {
    outcome,
    permitted: outcome === "permit",
    error,
    failure,
    issued: state.outgoing,
    properties: state.properties,
    engine: state.engine,
    input: claims,
    incoming: trace ? state.incoming.claims : undefined,
    trace,
  };
}

/** Rules without a trace, from the `from`th: their compiled runners, which allocate nothing they need not. */
function runRules(rules: readonly CompiledRule[], from: number, state: State): EvaluationFailure | undefined {
  let i = from;
  try {
    for (; i < rules.length; i++) {
      runPlanned(rules[i].plan, state);
      if (Decisions.stopAtFirstDeny && state.deny) break;
    }
  } catch (thrown) {
    return failureOf(rules[i], thrown);
  }
  return undefined;
}

function runTracedRules(
  rules: readonly CompiledRule[],
  state: State,
  trace: RuleTrace[],
): EvaluationFailure | undefined {
  for (const rule of rules) {
    const failure = runTracedRule(rule, state, trace);
    if (failure) return failure;
    if (Decisions.stopAtFirstDeny && state.deny) break;
  }
  return undefined;
}

/** A rule with a trace: every condition's matches and every produced claim are kept. */
function runTracedRule(rule: CompiledRule, state: State, trace: RuleTrace[]): EvaluationFailure | undefined {
  const scope: Scope = rule.slotCount === 0 ? EMPTY_SCOPE : new Array<undefined>(rule.slotCount);
  const conditions: ConditionTrace[] = [];
  const produced: Claim[] = [];
  let fired = true;
  try {
    for (const condition of rule.conditions) {
      const matched = condition.matching(scope, state);
      const held = condition.negated ? matched.length === 0 : matched.length > 0;
      if (condition.slot >= 0 && held) scope[condition.slot] = matched;
      conditions.push({
        range: condition.node.range,
        negated: condition.negated,
        held,
        identifier: condition.node.identifier?.text,
        matched,
      });
      if (!held) {
        fired = false;
        break;
      }
    }
    if (fired) rule.action(scope, state, produced);
  } catch (thrown) {
    const failure = failureOf(rule, thrown);
    // A rule that failed produced nothing, whatever its action made before the fault.
    trace.push(ruleTrace(rule, fired, conditions, [], serviceError("PolicyEvaluationError", failure.detail)));
    return failure;
  }
  trace.push(ruleTrace(rule, fired, conditions, produced));
  return undefined;
}

function failureOf(rule: CompiledRule, thrown: unknown): EvaluationFailure {
  // Anything else (a stack exhausted by hostile input) still becomes a value, never an exception.
  const fault = thrown instanceof Fault ? thrown : new Fault(`Internal error: ${String(thrown)}`);
  return {
    section: rule.section,
    index: rule.index,
    rule: rule.node.range,
    range: fault.range ?? rule.node.range,
    detail: fault.message,
  };
}

function ruleTrace(
  rule: CompiledRule,
  fired: boolean,
  conditions: ConditionTrace[],
  produced: readonly Claim[],
  error?: ServiceError,
): RuleTrace {
  const base = {
    section: rule.section,
    index: rule.index,
    range: rule.node.range,
    action: rule.node.action.name,
    fired,
    conditions,
    produced,
  };
  return error ? { ...base, error } : base;
}
