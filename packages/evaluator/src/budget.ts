import { fault } from "./fault.js";
import { MAX_BUILT_CHARACTERS, MAX_PRODUCED_CLAIMS, MAX_SET_VALUES } from "./limits.js";

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
  // Fields are assigned, not declared with initialisers, and faults' messages are made elsewhere:
  // these methods run inlined into the evaluation, where V8 inlines only up to a total size.
  declare private work: number;
  declare private produced: number;
  declare private built: number;
  declare private nextCheck: number;
  declare private started: boolean;
  declare private deadline: number;
  declare private readonly limitMs: number;
  declare private readonly clock: () => number;

  /** `limitMs`: `MAX_EVALUATION_MS` unless a caller asks for less (or more); `clock`: `Date.now` unless a test's. */
  constructor(limitMs: number, clock: () => number) {
    this.work = 0;
    this.produced = 0;
    this.built = 0;
    this.nextCheck = CLOCK_EVERY;
    this.started = false;
    this.deadline = 0;
    this.limitMs = limitMs;
    this.clock = clock;
  }

  tick(): void {
    if (++this.work >= this.nextCheck) this.check();
  }

  /**
   * Counts the steps of a loop from `from` towards `to` at once, up to the next clock read, and
   * returns where that is: the loop runs its steps to there without ticking, then asks again. The
   * clock is read as `tick` reads it, every `CLOCK_EVERY` units; a scan of a few claims asks once.
   */
  through(from: number, to: number): number {
    const room = this.nextCheck - this.work;
    const end = to - from < room ? to : from + room;
    if ((this.work += end - from) >= this.nextCheck) this.check();
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

  /**
   * One more claim added, issued or issued as a property, or `count` at once (a prelude's). Not a
   * tick: making a claim is bounded work, and at most MAX_PRODUCED_CLAIMS are made.
   */
  produce(count: number): void {
    if ((this.produced += count) > MAX_PRODUCED_CLAIMS) fault(TOO_MANY_CLAIMS);
  }

  /** A string of `length` characters about to be built. */
  characters(length: number): void {
    this.tick();
    if ((this.built += length) > MAX_BUILT_CHARACTERS) fault(TOO_MANY_CHARACTERS);
  }

  /** A Set about to reach `size` values. */
  values(size: number): void {
    this.tick();
    if (size > MAX_SET_VALUES) fault(TOO_MANY_VALUES);
  }
}

const TOO_MANY_CLAIMS = `Evaluation stopped: the policy produced more than ${MAX_PRODUCED_CLAIMS} claims (add, issue and issueproperty together).`;
const TOO_MANY_CHARACTERS = `Evaluation stopped: the policy built more than ${MAX_BUILT_CHARACTERS} characters of strings.`;
const TOO_MANY_VALUES = `Evaluation stopped: an expression made a Set of more than ${MAX_SET_VALUES} values.`;
