import { fault } from "./fault.js";
import { MAX_BUILT_CHARACTERS, MAX_EVALUATION_MS, MAX_PRODUCED_CLAIMS, MAX_SET_VALUES } from "./limits.js";

/** How often, in units of work, the clock is read: a clock read costs far more than a unit. */
const CLOCK_EVERY = 1024;

/**
 * What one evaluation may still spend. Every loop over claims or values calls `tick`, so the
 * deadline is noticed within ~1,000 units of work wherever the time goes; the fault it raises is
 * caught at the running rule, which the error names.
 */
export class Budget {
  private work = 0;
  private produced = 0;
  private built = 0;
  private readonly deadline: number;

  constructor(
    private readonly limitMs: number = MAX_EVALUATION_MS,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.deadline = clock() + limitMs;
  }

  tick(): void {
    if (++this.work % CLOCK_EVERY === 0 && this.clock() > this.deadline) {
      fault(`Evaluation stopped: it ran longer than ${this.limitMs} ms, the limit of one evaluation.`);
    }
  }

  /** One more claim added, issued or issued as a property. */
  produce(): void {
    this.tick();
    if (++this.produced > MAX_PRODUCED_CLAIMS) {
      fault(
        `Evaluation stopped: the policy produced more than ${MAX_PRODUCED_CLAIMS} claims (add, issue and issueproperty together).`,
      );
    }
  }

  /** A string of `length` characters about to be built. */
  characters(length: number): void {
    this.tick();
    this.built += length;
    if (this.built > MAX_BUILT_CHARACTERS) {
      fault(`Evaluation stopped: the policy built more than ${MAX_BUILT_CHARACTERS} characters of strings.`);
    }
  }

  /** A Set about to reach `size` values. */
  values(size: number): void {
    this.tick();
    if (size > MAX_SET_VALUES) {
      fault(`Evaluation stopped: an expression made a Set of more than ${MAX_SET_VALUES} values.`);
    }
  }
}
