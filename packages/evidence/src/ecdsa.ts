import { concatBytes, own } from "./bytes.js";

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;

/**
 * Imports an uncompressed P-256 point given as x||y (64 bytes, the quote's attestation key) or
 * 0x04||x||y (65 bytes); null if it is not a point on the curve.
 */
export async function importP256(point: Uint8Array): Promise<CryptoKey | null> {
  const raw = point.length === 64 ? concatBytes(Uint8Array.of(4), point) : point;
  try {
    return await globalThis.crypto.subtle.importKey("raw", own(raw), P256, true, ["verify"]);
  } catch {
    return null;
  }
}

/** SGX signatures are raw r||s over SHA-256, which is WebCrypto's ECDSA signature format. */
export async function verifyP256(key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    return await globalThis.crypto.subtle.verify(SHA256, key, own(signature), own(data));
  } catch {
    return false;
  }
}
