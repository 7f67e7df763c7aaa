import { parsePolicy, type Claim, type ClaimValue } from "@maa-policy/parser";
import {
  compilePolicy,
  loadPolicy,
  parseClaims,
  type EvaluateOptions,
  type EvaluationResult,
} from "@maa-policy/evaluator";

/** Incoming claims from the object form (type to value or values), issuer AttestationService. */
export function claims(object: Record<string, unknown>): Claim[] {
  const parsed = parseClaims(JSON.stringify(object));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.claims;
}

/** Parses, checks and evaluates: a policy with checker errors fails the test with them. */
export async function run(
  policy: string,
  input: Claim[] | Record<string, unknown>,
  options?: EvaluateOptions,
): Promise<EvaluationResult> {
  const loaded = await loadPolicy(policy);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n"));
  return loaded.policy.evaluate(Array.isArray(input) ? input : claims(input), options);
}

/**
 * Parses only, skipping the checker: for the runtime errors the checker would reject statically
 * (the evaluator must still turn them into values, whatever AST it is given).
 */
export async function runUnchecked(
  policy: string,
  input: Claim[] | Record<string, unknown>,
): Promise<EvaluationResult> {
  const parsed = parsePolicy(policy);
  if (!parsed.policy || parsed.diagnostics.length > 0)
    throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  return (await compilePolicy(parsed.policy)).evaluate(Array.isArray(input) ? input : claims(input));
}

/**
 * `type=value` pairs of claims, the compact form the tables compare. A result's final incoming
 * set is given only with a trace: its absence fails the test that reads it.
 */
export function pairs(list: readonly Claim[] | undefined): [string, ClaimValue][] {
  if (list === undefined) throw new Error("no claims: the final incoming set is given with a trace");
  return list.map((c) => [c.type, c.value]);
}

export function claim(type: string, value: ClaimValue, issuer = "AttestationService"): Claim {
  return {
    type,
    value,
    valueType: typeof value === "string" ? "String" : typeof value === "number" ? "Integer" : "Boolean",
    issuer,
  };
}
