import { signServiceToken } from "@maa-policy/tokens";
import type { SigningIdentity } from "./key-files.js";

/**
 * Tokens are dated this many seconds in the past: the client allows no clock skew at all and a
 * token whose `nbf` is 2 s ahead of its clock already fails (sdk-wire §2.4, §5.2). The lifetimes
 * stay the service's (8 h for attestation, 1 h for management answers: `exp - iat`).
 */
export const CLOCK_SKEW_SECONDS = 60;
export const MANAGEMENT_TOKEN_LIFETIME_SECONDS = 60 * 60;

/** `iat`/`nbf` for a token issued now. */
export function tokenTime(): number {
  return Math.floor(Date.now() / 1000) - CLOCK_SKEW_SECONDS;
}

/** Where the instance publishes its key: the token header's `jku`, beside the fixed `kid`. */
export function keyId(issuer: string, signing: SigningIdentity) {
  return { jku: `${issuer}/certs`, kid: signing.kid };
}

/** A policy or certificate management answer: the claims, the service's times, keys sorted. */
export async function managementToken(
  claims: Record<string, unknown>,
  issuer: string,
  signing: SigningIdentity,
): Promise<string> {
  const iat = tokenTime();
  const body: Record<string, unknown> = {
    ...claims,
    iss: issuer,
    iat,
    nbf: iat,
    exp: iat + MANAGEMENT_TOKEN_LIFETIME_SECONDS,
  };
  const sorted = Object.fromEntries(
    Object.keys(body)
      .sort()
      .map((key) => [key, body[key]]),
  );
  return signServiceToken(sorted, keyId(issuer, signing), signing.privateKey);
}
