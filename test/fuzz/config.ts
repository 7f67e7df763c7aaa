/**
 * How long and from where the fuzz harnesses run. `npm test` runs each for a moment from a fixed
 * seed (the same inputs every time); `npm run fuzz` sets FUZZ_SECONDS for a long run, from
 * FUZZ_SEED or a fresh seed, which a failure prints so that it can be replayed.
 */
const seconds = Number(process.env.FUZZ_SECONDS ?? "");
export const LONG = Number.isFinite(seconds) && seconds > 0;

/** Milliseconds per harness. */
export const BUDGET_MS = LONG ? seconds * 1000 : 400;

/** Inputs per harness at most: the short run stops at whichever bound comes first. */
export const MAX_RUNS = LONG ? Number.MAX_SAFE_INTEGER : 150;

export const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : LONG
    ? Date.now() % 2 ** 31
    : 20261206;

/** fast-check's options for one harness. */
export const runOptions = () => ({
  seed: SEED,
  numRuns: MAX_RUNS,
  interruptAfterTimeLimit: BUDGET_MS,
  // Running out of time is the plan, not a failure.
  markInterruptAsFailure: false,
});

/**
 * For the property tests that live beside their packages (language-server edits, mutated
 * evidence): their own number of runs in `npm test`, from the fixed seed; the long run's budget
 * under `npm run fuzz`.
 */
export const fuzzRuns = (numRuns: number) => (LONG ? runOptions() : { seed: SEED, numRuns });
