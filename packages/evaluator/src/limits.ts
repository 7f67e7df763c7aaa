/**
 * The evaluator's resource bounds, one constant each (docs/limits.md lists every bound and what a
 * user sees past it; docs/decisions.md says why each value). Past a bound, evaluation stops with a
 * PolicyEvaluationError that names the rule that crossed it.
 */

/**
 * The default time one evaluation may take. A real policy evaluates in well under a millisecond;
 * a hostile one (a claim set doubled by every rule, conditions over huge claim sets) would
 * otherwise run for minutes. `EvaluateOptions.timeLimitMs` overrides it.
 */
export const MAX_EVALUATION_MS = 10_000;

/**
 * Claims one evaluation may produce with add, issue and issueproperty together. Real policies
 * produce tens; `c:[type=="T"] => issue(claim=c);` repeated doubles the set at every rule and ran
 * out of memory at 24 rules.
 */
export const MAX_PRODUCED_CLAIMS = 10_000;

/**
 * Values in one expression's Set. A function applied to Sets applies to every combination, so
 * three conditions over 200 claims each made a Set of 8 million values.
 */
export const MAX_SET_VALUES = 100_000;

/** Characters of a string AppendString may build (doubling a string at every rule exhausts memory). */
export const MAX_STRING_LENGTH = 1024 * 1024;

/**
 * Characters AppendString may build in one evaluation, all strings together: within the bounds
 * above, 10,000 claims of 1 MiB strings would still be 10 GB.
 */
export const MAX_BUILT_CHARACTERS = 64 * 1024 * 1024;
