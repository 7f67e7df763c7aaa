/**
 * When the evaluator stops scanning and builds an index: one switch for each, tuned so that small
 * claim sets (every real evaluation) never pay for an index. Tests set them to 0 and Infinity to
 * check that both paths give the same results and traces (test/optimised-paths.test.ts), and turn
 * the specialised shapes off to hold them to the generic closures.
 */
export const Tuning = {
  /**
   * Conditions of the common shape (a literal type and a test fixed at compile time) and actions
   * that issue `c.value` run specialised code, read when a policy is compiled; off, every
   * condition and action takes the generic closures.
   */
  specialisedShapes: true,
  /**
   * What the whole policy lets evaluation skip (policy-facts.ts), read when a policy is compiled:
   * produced claims no condition can match join the incoming set at the end, an identical issued
   * claim of a type one action issues is looked for among that action's claims only, and a
   * literal issueproperty is checked, and applied to the default engine properties, once.
   */
  policyFacts: true,
  /**
   * Conditions with a literal type read only the claims of that type, from an index, when the
   * policy has more than this many of them: each scans the set at most once an evaluation, and an
   * index costs about ten scans to build, then each lookup is one. Decided when an evaluation starts.
   */
  scansBeforeIndex: 8,
  /** Issued claims are compared one by one below this many, then looked up by type. */
  issuedBeforeIndex: 16,
};
