import { serviceError } from "@maa-policy/parser";

// Node-free, so that the Evaluate feature can name them in a host without worker threads (the
// browser), where it is not registered at all.

/** Why an evaluation has no outcome: the caller turns each into its own answer. */
export class EvaluationAborted extends Error {
  constructor(readonly reason: "cancelled" | "timeout" | "memory" | "crashed") {
    super(reason);
  }
}

/** The answer for an evaluation that was stopped from outside: a PolicyEvaluationError value. */
export function abortedError(
  reason: Exclude<EvaluationAborted["reason"], "cancelled">,
  runner: { readonly deadlineMs: number; readonly memoryMb: number },
) {
  const detail = {
    timeout: `it did not finish within ${runner.deadlineMs} ms`,
    memory: `it used more than ${runner.memoryMb} MB of memory`,
    crashed: "the evaluation worker stopped unexpectedly",
  }[reason];
  return serviceError("PolicyEvaluationError", `Policy Engine Exception: Evaluation stopped: ${detail}.`);
}
