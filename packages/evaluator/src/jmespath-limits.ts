/**
 * Bounds on one JMESPath search, so that no query can take the process down or hold it for
 * minutes (docs/decisions.md, "JMESPath bounds"). One switch each; the service's own are not public.
 */
export const JMESPATH_LIMITS = {
  /**
   * Nodes of the query visited in one search (filters and `map`/`sort_by` visit per element). A
   * filter over a TPM event log of thousands of events takes tens of thousands.
   */
  maxSteps: 1_000_000,
  /**
   * Size of any intermediate result, in characters of its JSON text. `[@,@]|[@,@]|…` doubles
   * its input at each pipe with shared references, so it costs nothing until serialised; thirty
   * pipes are 2^30 copies. Measured at each step, it stops at the step that passes the bound.
   */
  maxResultChars: 16 * 1024 * 1024,
} as const;
