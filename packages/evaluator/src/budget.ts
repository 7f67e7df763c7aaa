import { fault } from "./fault.js";
import { MAX_BUILT_CHARACTERS, MAX_EVALUATION_MS, MAX_PRODUCED_CLAIMS, MAX_SET_VALUES } from "./limits.js";

/** How often, in units of work, the clock is read: a clock read costs far more than a unit. */
const CLOCK_EVERY = 1024;

/**
 * What one evaluation may still spend. Every loop over claims or values calls `tick`, so the
 * deadline is noticed within ~1,000 units of work wherever the time goes; the fault it raises is
 * caught at the running rule, which the error names.
 *
 * The clock starts lazily: at the first `CLOCK_EVERY` units of work, or before the first work
 * that does not tick (a function call: JmesPath on a large claim), whichever comes first. What
 * runs before it starts is fewer than `CLOCK_EVERY` units, microseconds; an evaluation that does
 * less (every real one) never reads the clock (docs/decisions.md, issue 18).
 */
export class Budget {
  private work = 0;
  private produced = 0;
  private built = 0;
  private nextCheck = CLOCK_EVERY;
  private started = false;
  private deadline = 0;

  constructor(
    private readonly limitMs: number = MAX_EVALUATION_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  tick(): void {
    if (++this.work >= this.nextCheck) this.check();
  }

  /**
   * Counts the steps of a loop from `from` towards `to` at once, up to the next clock read, and
   * returns where that is: the loop runs its steps to there without ticking, then asks again. The
   * clock is read as `tick` reads it, every `CLOCK_EVERY` units; a scan of a few claims asks once.
   */
  through(from: number, to: number): number {
    const end = Math.min(to, from + this.nextCheck - this.work);
    this.work += end - from;
    if (this.work >= this.nextCheck) this.check();
    return end;
  }

  /** Before work that does not tick: from here on its time counts against the deadline. */
  start(): void {
    if (!this.started) this.check();
  }

  private check(): void {
    this.nextCheck = this.work + CLOCK_EVERY;
    const now = this.clock();
    if (!this.started) {
      this.started = true;
      this.deadline = now + this.limitMs;
    } else if (now > this.deadline) {
      fault(`Evaluation stopped: it ran longer than ${this.limitMs} ms, the limit of one evaluation.`);
    }
  }

  /** One more claim added, issued or issued as a property, or `count` at once (a prelude's). */
  produce(count = 1): void {
    this.tick();
    if ((this.produced += count) > MAX_PRODUCED_CLAIMS) {
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
