import { MAX_JSON_DEPTH } from "@maa-policy/parser";
import { JMESPATH_LIMITS } from "./jmespath-limits.js";

/** Why a search was stopped, in words; thrown inside the engine and returned as a value by it. */
export class BudgetExceeded extends Error {}

/**
 * The steps and result sizes of one search. Sizes are memoised per array and object, so a value
 * shared a billion times over (`[@,@]` thirty times) is measured in thirty steps, not a billion.
 */
export class Budget {
  private steps = 0;
  private readonly sizes = new WeakMap<object, number>();

  step(): void {
    if (++this.steps > JMESPATH_LIMITS.maxSteps)
      throw new BudgetExceeded(
        `the query took more than ${JMESPATH_LIMITS.maxSteps} steps; maa-policy stops a search there.`,
      );
  }

  measure(value: unknown): void {
    if (this.size(value) > JMESPATH_LIMITS.maxResultChars)
      throw new BudgetExceeded(
        `the query builds a value of more than ${JMESPATH_LIMITS.maxResultChars} characters of JSON; maa-policy stops a search there.`,
      );
  }

  /** Characters of `value`'s JSON text, near enough; at most just past the bound. */
  private size(value: unknown, depth = 0): number {
    if (typeof value === "string") return value.length + 2;
    // Deeper than any input can be: only a literal in the query nests so (and is as long as the
    // query); the result's depth check refuses it after the search. Not counted, not recursed.
    if (depth > MAX_JSON_DEPTH) return 0;
    if (value === null || typeof value !== "object") return String(value).length;
    const known = this.sizes.get(value);
    if (known !== undefined) return known;
    let total = 2;
    for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      total += (typeof key === "string" ? key.length + 3 : 0) + 1 + this.size(child, depth + 1);
      if (total > JMESPATH_LIMITS.maxResultChars) break;
    }
    this.sizes.set(value, total);
    return total;
  }
}
