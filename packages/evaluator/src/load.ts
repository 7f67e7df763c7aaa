import {
  analyzePolicyAsync,
  policyRejection,
  serviceError,
  type Analysis,
  type Claim,
  type Diagnostic,
  type ServiceError,
  type Result,
} from "@maa-policy/parser";
import { compilePolicy, type CompiledPolicy } from "./compile-policy.js";
import type { EvaluateOptions, EvaluationResult } from "./evaluate.js";

export type LoadedPolicy = Result<
  { readonly policy: CompiledPolicy; readonly analysis: Analysis },
  /**
   * The policy does not parse or check: the parser's and checker's diagnostics, errors first in text
   * order, and the one error an evaluation reports for them (the service's PolicyParsingError).
   */
  {
    readonly diagnostics: readonly Diagnostic[];
    readonly analysis: Analysis;
    readonly error: ServiceError;
  }
>;

/**
 * Parses, checks and compiles policy text: what `policy-eval eval` does before evaluating. A
 * policy with errors is never evaluated; warnings do not stop it. Given the analysis a caller
 * already has (the language server's), it does not parse again.
 */
export async function loadPolicy(source: string | Analysis): Promise<LoadedPolicy> {
  const analysis = typeof source === "string" ? await analyzePolicyAsync(source) : source;
  if (analysis.hasErrors || !analysis.policy)
    return { ok: false, diagnostics: analysis.diagnostics, analysis, error: loadError(analysis) };
  return { ok: true, policy: await compilePolicy(analysis.policy), analysis };
}

/** One-shot convenience: load, then evaluate one claim set. Compile once with `loadPolicy` to evaluate many. */
export async function evaluatePolicy(
  text: string,
  claims: readonly Claim[],
  options?: EvaluateOptions,
): Promise<Result<{ readonly result: EvaluationResult }, { readonly diagnostics: readonly Diagnostic[] }>> {
  const loaded = await loadPolicy(text);
  return loaded.ok
    ? { ok: true, result: loaded.policy.evaluate(claims, options) }
    : { ok: false, diagnostics: loaded.diagnostics };
}

/** The service's rejection of the policy (one home: `policyRejection`, also serve's). */
function loadError(analysis: Analysis): ServiceError {
  return (
    policyRejection(analysis) ??
    serviceError("PolicyParsingError", "Policy Parser Exception Thrown: invalid policy")
  );
}
