import type { Claim, ClaimValue } from "@maa-policy/parser";
import type { Scope, State } from "./state.js";

export type Predicate = (claim: Claim) => boolean;

export const NONE: readonly Claim[] = Object.freeze([]);

/** A condition's filter: a literal type tested first, then the rest (right-hand sides evaluated once). */
export interface Filter {
  readonly type: string | undefined;
  readonly predicate: (scope: Scope, state: State) => Predicate;
  readonly fixed: Predicate | undefined;
}

/**
 * The shape of nearly every real condition: a literal type and a test fixed at compile time. The
 * scans below are plain functions, not closures made per condition, so the engine inlines them
 * into the rule that runs them; equality with one literal value is tested inline too.
 */
export interface Shape {
  readonly type: string;
  readonly test: Predicate;
  /** The literal the claim's value must equal, when that is the whole test. */
  readonly value: ClaimValue | undefined;
}

// Each scan writes its loop and its test out: a shared helper for the test, inlined at every scan,
// made the example's evaluation 1.45x -> 1.74x its floor by spending V8's inlining budget
// (docs/decisions.md, "The hot path fits V8's inlining budget").

/** Whether some claim has the shape: the first match decides. */
export function someShaped(state: State, { type, test, value }: Shape): boolean {
  const budget = state.budget;
  const candidates = state.incoming.candidates(type, budget);
  const length = candidates.length;
  for (let j = 0, end = 0; j < length; j++) {
    if (j === end) end = budget.through(j, length);
    const claim = candidates[j];
    if (claim.type === type && (value === undefined ? test(claim) : claim.value === value)) return true;
  }
  return false;
}

/** Whether every condition holds: some claim has each shape, or none has it where it is negated. */
export function allShaped(state: State, shapes: readonly Shape[], negated: readonly boolean[]): boolean {
  for (let i = 0; i < shapes.length; i++) if (someShaped(state, shapes[i]) === negated[i]) return false;
  return true;
}

/** Every claim with the shape, in the set's order; undefined when none has. */
export function matchShaped(state: State, { type, test, value }: Shape): Claim[] | undefined {
  return matchAll(state, type, test, value);
}

/**
 * `visit` for every claim with the shape, in the set's order, as the scan finds it: the claims the
 * set holds when the scan starts, whatever `visit` adds to it.
 */
export function forEachShaped(
  state: State,
  { type, test, value }: Shape,
  visit: (claim: Claim, state: State) => void,
): void {
  const budget = state.budget;
  const candidates = state.incoming.candidates(type, budget);
  const length = candidates.length;
  for (let j = 0, end = 0; j < length; j++) {
    if (j === end) end = budget.through(j, length);
    const claim = candidates[j];
    if (claim.type === type && (value === undefined ? test(claim) : claim.value === value))
      visit(claim, state);
  }
}

/** Every claim the filter passes, in the set's order: what an identifier binds and a trace shows. */
export function matchingClaims({ type, predicate, fixed }: Filter) {
  return (scope: Scope, state: State): readonly Claim[] =>
    matchAll(state, type, fixed ?? predicate(scope, state), undefined) ?? NONE;
}

function matchAll(
  state: State,
  type: string | undefined,
  test: Predicate,
  value: ClaimValue | undefined,
): Claim[] | undefined {
  const budget = state.budget;
  const candidates = state.incoming.candidates(type, budget);
  const length = candidates.length;
  let matched: Claim[] | undefined;
  for (let j = 0, end = 0; j < length; j++) {
    if (j === end) end = budget.through(j, length);
    const claim = candidates[j];
    if (
      (type === undefined || claim.type === type) &&
      (value === undefined ? test(claim) : claim.value === value)
    ) {
      if (matched === undefined) matched = [claim];
      else matched.push(claim);
    }
  }
  return matched;
}
