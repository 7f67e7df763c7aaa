import { decomposeJws, verifyJws, type VerifyOptions } from "@maa-policy/tokens";
import { failure, success, type Answer } from "./answer.js";
import type { Call, ServeContext } from "./context.js";
import type { InstanceState } from "./instances.js";
import { policyTokenInForce, readPolicy, unknownType } from "./policy-in-force.js";
import { managementToken } from "./service-tokens.js";

/** How tokens are checked: in Isolated mode they must chain to a registered signer (spec §4.1). */
export function trust(context: ServeContext, state: InstanceState): VerifyOptions {
  return context.mode === "isolated" ? { trustedCertificates: state.certificates } : {};
}

/** The request's JWS, decoded and verified as the instance's mode asks. */
async function verifiedRequest(context: ServeContext, state: InstanceState, text: string) {
  const parts = decomposeJws(text);
  return parts.ok ? verifyJws(parts.value, trust(context, state)) : parts;
}

/** GET /policies/{type}: `x-ms-policy` is the policy token in force (spec §4.4). */
export async function getPolicy(context: ServeContext, call: Call): Promise<Answer> {
  const refused = unknownType(call.type);
  if (refused) return refused;
  const policy = policyTokenInForce(context.instances.get(call.prefix), call.type!);
  return success({ token: await managementToken({ "x-ms-policy": policy }, call.issuer, context.signing) });
}

/**
 * PUT /policies/{type}: the token is decoded and verified with the tokens package (its codes and
 * texts), the policy parsed and checked (PolicyParsingError), and only then stored.
 */
export async function setPolicy(context: ServeContext, call: Call): Promise<Answer> {
  const refused = unknownType(call.type);
  if (refused) return refused;
  const outcome = await context.instances.update(call.prefix, async (state) => {
    const verified = await verifiedRequest(context, state, call.text);
    if (!verified.ok) return verified;
    const signer = verified.value.signer;
    const read = await readPolicy(call.text, signer);
    if (!read.ok) return read;
    const policies = new Map(state.policies).set(call.type!, read.stored);
    const result = {
      "x-ms-policy-result": "Updated",
      "x-ms-policy-token-hash": read.tokenHash,
      ...(signer && { "x-ms-policy-signer": signer }),
    };
    return { ok: true, state: { ...state, policies }, result };
  });
  if (!outcome.ok) return failure(outcome.error);
  return success({ token: await managementToken(outcome.result, call.issuer, context.signing) });
}

/** POST /policies/{type}:reset: back to the default; the body is a (signed, if Isolated) empty JWS. */
export async function resetPolicy(context: ServeContext, call: Call): Promise<Answer> {
  const refused = unknownType(call.type);
  if (refused) return refused;
  const outcome = await context.instances.update(call.prefix, async (state) => {
    const verified = await verifiedRequest(context, state, call.text);
    if (!verified.ok) return verified;
    const policies = new Map(state.policies);
    policies.delete(call.type!);
    return { ok: true, state: { ...state, policies }, result: { "x-ms-policy-result": "Removed" } };
  });
  if (!outcome.ok) return failure(outcome.error);
  return success({ token: await managementToken(outcome.result, call.issuer, context.signing) });
}
