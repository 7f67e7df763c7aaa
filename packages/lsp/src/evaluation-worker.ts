import { parentPort } from "node:worker_threads";
import { loadPolicy, parseClaims } from "@maa-policy/evaluator";
import { policyRejection, serviceError } from "@maa-policy/parser";
import type { EvaluateResult } from "./protocol.js";

/** What the server sends the worker: texts only, since nothing else crosses a thread cheaply. */
export interface EvaluationJob {
  readonly id: number;
  readonly policyText: string;
  readonly claimsText: string;
  readonly timeLimitMs: number;
}

/** The evaluation itself, without the claims file's URI (the server adds it). */
export type EvaluationOutcome = Omit<EvaluateResult, "claimsUri">;

/** Parses the claims and the policy and evaluates, as `policy-eval eval` does. Never throws. */
export async function evaluateTexts(job: Omit<EvaluationJob, "id">): Promise<EvaluationOutcome> {
  const failed = (error: EvaluateResult["error"]): EvaluationOutcome => ({
    verdict: "error",
    issued: [],
    properties: [],
    trace: [],
    error,
  });
  const claims = parseClaims(job.claimsText);
  if (!claims.ok) return failed(claims.error);
  const loaded = await loadPolicy(job.policyText);
  if (!loaded.ok)
    return failed(
      policyRejection(loaded.analysis) ?? serviceError("PolicyParsingError", "The policy is invalid."),
    );
  const result = loaded.policy.evaluate(claims.claims, { trace: true, timeLimitMs: job.timeLimitMs });
  return {
    verdict: result.outcome,
    issued: result.issued,
    properties: result.properties,
    trace: result.trace ?? [],
    ...(result.error && { error: result.error }),
  };
}

/** The worker thread's loop: one job at a time, each answered with its id. */
export function serveEvaluations(): void {
  const port = parentPort;
  if (!port) throw new Error("serveEvaluations runs in a worker thread");
  port.on("message", (job: EvaluationJob) => {
    void evaluateTexts(job).then((outcome) => port.postMessage({ id: job.id, outcome }));
  });
}
