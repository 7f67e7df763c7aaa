import { draftToken, loadPolicy, parseClaims } from "@maa-policy/evaluator";
import { restErrorBody, type Claim } from "@maa-policy/parser";
import { createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import type { Evaluation, RunParams, RunResult } from "./protocol.js";

/**
 * `playground/run`: what `policy-eval eval --explain`, `--format token` and `policy-eval hash` and
 * `token encode` give for the same inputs, in one answer, from the same core calls.
 */
export async function run(params: RunParams): Promise<RunResult> {
  const policyToken = createUnsignedPolicyToken(params.policy);
  const hashes = {
    policyHash: policyHash(params.policy),
    policyToken,
    policyTokenHash: policyTokenHash(policyToken),
  };
  const claims = parseClaims(params.claims);
  if (!claims.ok) return { ...hashes, claims: { ok: false, error: claims.error, position: claims.position } };
  return {
    ...hashes,
    claims: { ok: true, format: claims.format, count: claims.claims.length },
    evaluation: await evaluate(params, claims.claims),
  };
}

async function evaluate(params: RunParams, claims: readonly Claim[]): Promise<Evaluation> {
  const loaded = await loadPolicy(params.policy);
  if (!loaded.ok) return { kind: "invalid-policy", error: loaded.error };
  const result = loaded.policy.evaluate(claims, { trace: true });
  const token = draftToken(result, {
    policyText: params.policy,
    now: params.now,
    // As `eval --format token`: the selected type, unless the claims (from evidence) carry their own.
    attestationType: claims.some((c) => c.type === "x-ms-attestation-type")
      ? undefined
      : params.tokenAttestationType,
  });
  return {
    kind: "evaluated",
    outcome: result.outcome,
    error: result.error,
    restError: result.error && restErrorBody(result.error),
    failure: result.failure,
    issued: result.issued,
    properties: result.properties,
    trace: result.trace ?? [],
    draftToken: token.ok ? { token: token.token, header: token.header, body: token.body } : undefined,
  };
}
