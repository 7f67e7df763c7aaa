import type { Range } from "@maa-policy/parser";

/**
 * A runtime error inside one rule (a function given the wrong type, JSON that is not JSON, an
 * issued read-only claim). It is thrown only inside the evaluator and caught at the rule that
 * raised it, where it becomes a PolicyEvaluationError value naming that rule; it never escapes.
 */
export class Fault extends Error {
  constructor(
    message: string,
    /** The expression or argument at fault, when narrower than the rule. */
    readonly range?: Range,
  ) {
    super(message);
  }
}

export function fault(message: string, range?: Range): never {
  throw new Fault(message, range);
}
