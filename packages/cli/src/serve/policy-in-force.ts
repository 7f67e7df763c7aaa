import { policyRejection, serviceError, type ServiceError, type Result } from "@maa-policy/parser";
import { DEFAULT_POLICIES, loadPolicy, type CompiledPolicy } from "@maa-policy/evaluator";
import {
  createUnsignedPolicyToken,
  decodePolicyToken,
  POLICY_CLAIM,
  UNSIGNED_RESET_TOKEN,
} from "@maa-policy/tokens";
import { invalidParameter, type Answer } from "./answer.js";
import type { InstanceState, StoredPolicy } from "./instances.js";

/** The types `/policies/{type}` knows (the 2025-06-01 enum); anything else is refused. */
export function unknownType(type: string | undefined): Answer | undefined {
  if (type !== undefined && Object.hasOwn(DEFAULT_POLICIES, type)) return undefined;
  const known = Object.keys(DEFAULT_POLICIES).join(", ");
  return invalidParameter(`Unknown attestation type '${type}': the types are ${known}.`);
}

const defaults = new Map<string, Promise<CompiledPolicy | undefined>>();

/** The service's default policy for a type, compiled once; none for types without one. */
function defaultPolicy(text: string): Promise<CompiledPolicy | undefined> {
  let compiled = defaults.get(text);
  if (!compiled) {
    compiled = loadPolicy(text).then((loaded) => (loaded.ok ? loaded.policy : undefined));
    defaults.set(text, compiled);
  }
  return compiled;
}

/** The policy an attest of `type` is evaluated under: the one set, else the service's default. */
export async function policyInForce(
  state: InstanceState,
  type: string,
): Promise<Pick<StoredPolicy, "text" | "policy" | "signer"> | undefined> {
  const stored = state.policies.get(type);
  if (stored) return stored;
  const text = DEFAULT_POLICIES[type];
  const policy = text === undefined ? undefined : await defaultPolicy(text);
  return text === undefined || !policy ? undefined : { text, policy };
}

/** `x-ms-policy` of GET /policies: the token set, the default unsigned, or an empty one (spec §2.8). */
export function policyTokenInForce(state: InstanceState, type: string): string {
  const text = DEFAULT_POLICIES[type];
  return (
    state.policies.get(type)?.token ??
    (text === undefined ? UNSIGNED_RESET_TOKEN : createUnsignedPolicyToken(text))
  );
}

/** An uploaded (or saved) policy token made ready to attest with: decoded, parsed, checked, compiled. */
export async function readPolicy(
  token: string,
  signer?: object,
): Promise<Result<{ stored: StoredPolicy; tokenHash: string }, { error: ServiceError }>> {
  const decoded = decodePolicyToken(token);
  if (!decoded.ok) return decoded;
  const text = decoded.value.policy;
  if (text === null)
    return {
      ok: false,
      error: serviceError("InvalidOperation", `Could not find "${POLICY_CLAIM}" claim in policy token`),
    };
  const loaded = await loadPolicy(text);
  if (!loaded.ok)
    return {
      ok: false,
      error:
        policyRejection(loaded.analysis) ??
        serviceError("PolicyParsingError", "Invalid policy was specified"),
    };
  const stored: StoredPolicy = { token, text, policy: loaded.policy, ...(signer && { signer }) };
  return { ok: true, stored, tokenHash: decoded.value.policyTokenHash };
}
