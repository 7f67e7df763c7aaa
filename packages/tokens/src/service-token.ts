import { CompactSign } from "jose";

/** Which of the instance's keys signed a token: `/certs` lists the key under `kid`. */
export interface ServiceKeyId {
  /** `<instance URL>/certs`, where the key is published. */
  readonly jku: string;
  readonly kid: string;
}

/**
 * The header the service puts on every token it issues (spec §4.4, §4.6), in its order. A draft
 * policy's token keeps `jku` and `kid` with `alg` `none` (the recorded draft tokens).
 */
export function serviceTokenHeader(alg: "RS256" | "none", key: ServiceKeyId): object {
  return { alg, jku: key.jku, kid: key.kid, typ: "JWT" };
}

/** A token signed by the instance: RS256 (PKCS#1 v1.5) over the compact JSON of `body`. */
export async function signServiceToken(
  body: object,
  key: ServiceKeyId,
  privateKey: CryptoKey,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader(serviceTokenHeader("RS256", key) as { alg: string })
    .sign(privateKey);
}
