import type { Claim } from "@maa-policy/parser";
import type { Scope, State } from "./state.js";

export type Predicate = (claim: Claim) => boolean;

/** The filter that every claim passes. */
export const ANY: Predicate = () => true;

const NONE: readonly Claim[] = Object.freeze([]);

/** A condition's filter: a literal type tested first, then the rest (right-hand sides evaluated once). */
export interface Filter {
  readonly type: string | undefined;
  readonly predicate: (scope: Scope, state: State) => Predicate;
  readonly fixed: Predicate | undefined;
}

/** Every claim of the incoming set the filter passes, in the set's order: what an identifier binds and a trace shows. */
export function matchingClaims({ type, predicate, fixed }: Filter) {
  return (scope: Scope, state: State): readonly Claim[] => {
    const test = fixed ?? predicate(scope, state);
    const budget = state.budget;
    const candidates = state.incoming.candidates(type, budget);
    let matched: Claim[] | undefined;
    for (let j = 0; j < candidates.length; j++) {
      budget.tick();
      const claim = candidates[j];
      if ((type === undefined || claim.type === type) && (test === ANY || test(claim)))
        (matched ??= []).push(claim);
    }
    return matched ?? NONE;
  };
}

/**
 * Whether some claim passes: the first match decides, nothing is kept. The shapes nearly every
 * condition has (a literal type, with nothing else to test or a test fixed at compile time) get a
 * loop of their own, so the common case calls no closure but the test.
 */
export function someClaim({ type, predicate, fixed }: Filter) {
  if (type !== undefined && fixed === ANY)
    return (_scope: Scope, state: State): boolean => {
      const budget = state.budget;
      const candidates = state.incoming.candidates(type, budget);
      for (let j = 0; j < candidates.length; j++) {
        budget.tick();
        if (candidates[j].type === type) return true;
      }
      return false;
    };
  if (type !== undefined && fixed !== undefined)
    return (_scope: Scope, state: State): boolean => {
      const budget = state.budget;
      const candidates = state.incoming.candidates(type, budget);
      for (let j = 0; j < candidates.length; j++) {
        budget.tick();
        const claim = candidates[j];
        if (claim.type === type && fixed(claim)) return true;
      }
      return false;
    };
  return (scope: Scope, state: State): boolean => {
    const test = fixed ?? predicate(scope, state);
    const budget = state.budget;
    const candidates = state.incoming.candidates(type, budget);
    for (let j = 0; j < candidates.length; j++) {
      budget.tick();
      const claim = candidates[j];
      if ((type === undefined || claim.type === type) && (test === ANY || test(claim))) return true;
    }
    return false;
  };
}
