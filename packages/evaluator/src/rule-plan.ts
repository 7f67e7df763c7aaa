import type { Claim } from "@maa-policy/parser";
import type { CompiledAction } from "./compile-action.js";
import type { CompiledCondition } from "./compile-condition.js";
import { allShaped, forEachShaped, matchShaped, someShaped, type Shape } from "./scan-claims.js";
import { EMPTY_SCOPE, type Scope, type State } from "./state.js";

// How a rule runs without a trace (`RulePlan.kind`):
/** Its own closure (`run`). */
const CLOSURE = 0;
/** Shaped conditions that bind nothing (`shapes`, `negated`), then the action if they all hold. */
const SCAN = 1;
/** `c:[shape] => issue(type="t", value=c.value)`: each claim the scan of `shape` finds goes to `each`. */
const EACH = 2;

/**
 * A rule's plan, one object shape for every kind, so that `runPlanned` reads it with monomorphic
 * loads. The commonest rules are data that one function runs, with the scans inlined into it,
 * rather than a closure each called through one megamorphic call site: a call less per rule, and
 * code the engine optimises once for all of them (issue 18, docs/decisions.md).
 */
export interface RulePlan {
  readonly kind: typeof CLOSURE | typeof SCAN | typeof EACH;
  readonly shapes: readonly Shape[] | undefined;
  readonly negated: readonly boolean[] | undefined;
  readonly action: CompiledAction;
  readonly shape: Shape | undefined;
  readonly each: ((claim: Claim, state: State) => void) | undefined;
  readonly run: ((state: State) => void) | undefined;
}

/** Runs one rule without a trace. */
export function runPlanned(plan: RulePlan, state: State): void {
  switch (plan.kind) {
    case SCAN:
      if (allShaped(state, plan.shapes!, plan.negated!)) plan.action(EMPTY_SCOPE, state, undefined);
      return;
    case EACH:
      forEachShaped(state, plan.shape!, plan.each!);
      return;
    default:
      plan.run!(state);
  }
}

export function planOf(
  conditions: readonly CompiledCondition[],
  slotCount: number,
  action: CompiledAction,
): RulePlan {
  const shapes = conditions.map((condition) => condition.shape);
  if (conditions.length > 0 && shapes.every((shape) => shape !== undefined)) {
    const [only] = conditions;
    const each = action.onBound?.slot === only.slot ? action.onBound.each : undefined;
    // `each` exists when no bound claim can be read-only, so its claims need not be known first.
    if (conditions.length === 1 && only.slot >= 0 && each)
      return plan(EACH, undefined, undefined, action, only.shape, each, undefined);
    if (conditions.every((condition) => condition.slot < 0)) {
      const negated = conditions.map((condition) => condition.negated);
      return plan(SCAN, shapes, negated, action, undefined, undefined, undefined);
    }
  }
  return plan(
    CLOSURE,
    undefined,
    undefined,
    action,
    undefined,
    undefined,
    runner(conditions, slotCount, action),
  );
}

function plan(
  kind: RulePlan["kind"],
  shapes: readonly Shape[] | undefined,
  negated: readonly boolean[] | undefined,
  action: CompiledAction,
  shape: Shape | undefined,
  each: RulePlan["each"],
  run: RulePlan["run"],
): RulePlan {
  return { kind, shapes, negated, action, shape, each, run };
}

/**
 * Any other rule as one closure: shaped conditions are scanned by plain functions the engine
 * inlines here (a closure per condition cannot be), the others through their own closure.
 */
function runner(
  conditions: readonly CompiledCondition[],
  slotCount: number,
  action: CompiledAction,
): (state: State) => void {
  if (conditions.length === 0) return (state) => action(EMPTY_SCOPE, state, undefined);
  const [only] = conditions;
  if (conditions.length === 1 && only.slot >= 0 && only.shape !== undefined) {
    // One shaped condition that binds: its claims go to the action, straight or through the scope.
    const shape = only.shape;
    const onBound = action.onBound;
    if (onBound?.slot === only.slot) {
      const run = onBound.run;
      return (state) => {
        const matched = matchShaped(state, shape);
        if (matched !== undefined) run(matched, state, undefined);
      };
    }
    return (state) => {
      const matched = matchShaped(state, shape);
      if (matched !== undefined) action([matched], state, undefined);
    };
  }
  return (state) => {
    const scope: Scope = slotCount === 0 ? EMPTY_SCOPE : new Array<undefined>(slotCount);
    for (let i = 0; i < conditions.length; i++) {
      const condition = conditions[i];
      const shape = condition.shape;
      if (shape === undefined) {
        if (!condition.holds(scope, state)) return;
      } else if (condition.slot >= 0) {
        const matched = matchShaped(state, shape);
        if (matched === undefined) return;
        scope[condition.slot] = matched;
      } else if (someShaped(state, shape) === condition.negated) return;
    }
    action(scope, state, undefined);
  };
}
