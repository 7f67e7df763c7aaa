import { serviceError } from "@maa-policy/parser/model";
import { decomposeJws, payloadObject, type JwsParts } from "./jws.js";
import { decodePolicyToken, type PolicyToken } from "./policy-token.js";
import { fail, ok, type Result } from "./result.js";

/**
 * The body of a policy-management response token (spec §4.4, the `PolicyResult` mapper). The
 * token is signed by the instance's own key (`jku`/`kid`), which an offline tool cannot fetch,
 * so its signature is not checked here.
 */
export interface PolicyResult {
  readonly parts: JwsParts;
  readonly claims: Readonly<Record<string, unknown>>;
  /** `x-ms-policy-result`: `Updated` or `Removed`. */
  readonly result?: string;
  /** `x-ms-policy-token-hash`: base64url(SHA-256) of the token that was sent. */
  readonly policyTokenHash?: string;
  /** `x-ms-policy-signer`: the JWK of a signed policy's signer. */
  readonly signer?: unknown;
  /** `x-ms-policy` of a GET response, decoded. */
  readonly storedPolicy?: PolicyToken;
}

export function decodePolicyResult(token: string): Result<PolicyResult> {
  const parts = decomposeJws(token);
  if (!parts.ok) return parts;
  const payload = payloadObject(parts.value);
  if (!payload.ok) return payload;
  const claims = payload.value;
  const string = (name: string) => (typeof claims[name] === "string" ? claims[name] : undefined);
  const result: PolicyResult = {
    parts: parts.value,
    claims,
    result: string("x-ms-policy-result"),
    policyTokenHash: string("x-ms-policy-token-hash"),
    signer: claims["x-ms-policy-signer"],
  };
  if (!("x-ms-policy" in claims)) return ok(result);
  const stored = string("x-ms-policy");
  const location = { offset: parts.value.payloadStart, segment: "payload" } as const;
  // The JS SDK's own words for a GET response without a usable policy.
  if (stored === undefined)
    return fail(serviceError("InvalidOperation", "Server returned an invalid getPolicy response!"), location);
  const policy = decodePolicyToken(stored);
  if (!policy.ok) {
    const message = `The stored policy token in "x-ms-policy" is invalid: ${policy.error.message}`;
    return fail(serviceError(policy.error.code, message), location, policy.warnings);
  }
  return ok({ ...result, storedPolicy: policy.value }, policy.warnings);
}
