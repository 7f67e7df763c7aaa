import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, own } from "./bytes.js";

export type EcdsaHash = "SHA-256" | "SHA-384";

/**
 * The cryptography evidence needs, behind one interface: WebCrypto and @noble/hashes by default
 * (browsers, any runtime), and node:crypto where a Node adapter passes it, since WebCrypto's
 * asynchronous jobs cost Node more than the signature arithmetic itself (issue 18). Keys are
 * uncompressed P-256 points (65 bytes, or 64 without the 0x04 prefix), as quotes and certificates
 * carry them.
 */
export interface EvidenceCrypto {
  /** Whether the point is on the P-256 curve. */
  isP256Point(point: Uint8Array): Promise<boolean>;
  /** Whether the raw r||s `signature` over `data` verifies with the key at `point`; false for a bad point. */
  verify(point: Uint8Array, hash: EcdsaHash, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  /** SHA-256 of the parts, one after the other. */
  sha256(...parts: Uint8Array[]): Uint8Array;
}

/**
 * An EvidenceCrypto from a key import, a check with the imported key, and a hash. It keeps the
 * last few keys by point: one platform's quotes carry the same chain and attestation key, so most
 * imports repeat; a new one starts with none.
 */
export function cachingEvidenceCrypto<K>(
  load: (point: Uint8Array) => Promise<K | null> | K | null,
  check: (key: K, hash: EcdsaHash, signature: Uint8Array, data: Uint8Array) => Promise<boolean> | boolean,
  hash: (...parts: Uint8Array[]) => Uint8Array,
): EvidenceCrypto {
  const keys = new Map<string, K | null>();
  const key = async (point: Uint8Array): Promise<K | null> => {
    const id = String.fromCharCode(...point);
    const hit = keys.get(id);
    if (hit !== undefined) return hit;
    const uncompressed = point.length === 64 ? concatBytes(Uint8Array.of(4), point) : point;
    const loaded = await load(uncompressed);
    if (keys.size >= 32) keys.delete(keys.keys().next().value!);
    keys.set(id, loaded);
    return loaded;
  };
  return {
    isP256Point: async (point) => (await key(point)) !== null,
    async verify(point, hashName, signature, data) {
      const imported = await key(point);
      return imported !== null && (await check(imported, hashName, signature, data));
    },
    sha256: hash,
  };
}

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

/** WebCrypto, whose own ECDSA signature format is raw r||s, and a synchronous SHA-256. */
export function createWebEvidenceCrypto(): EvidenceCrypto {
  return cachingEvidenceCrypto(
    (point) =>
      globalThis.crypto.subtle.importKey("raw", own(point), P256, true, ["verify"]).catch(() => null),
    (key, hash, signature, data) =>
      globalThis.crypto.subtle
        .verify({ name: "ECDSA", hash }, key, own(signature), own(data))
        .catch(() => false),
    (...parts) => {
      const hash = sha256.create();
      for (const part of parts) hash.update(part);
      return hash.digest();
    },
  );
}

/** What evidence uses unless it is given another. */
export const webEvidenceCrypto = createWebEvidenceCrypto();
