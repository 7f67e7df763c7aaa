import { Buffer } from "node:buffer";
import { createHash, createPublicKey, verify, type JsonWebKey } from "node:crypto";
import { cachingEvidenceCrypto, type EvidenceCrypto } from "@maa-policy/evidence";

/** A 65-byte uncompressed point as a JWK: OpenSSL 3 imports that twice as fast as the key in SPKI DER. */
function p256Jwk(point: Uint8Array): JsonWebKey {
  const coordinate = (from: number) => Buffer.from(point.subarray(from, from + 32)).toString("base64url");
  return { kty: "EC", crv: "P-256", x: coordinate(1), y: coordinate(33) };
}

/**
 * Evidence's cryptography on node:crypto: synchronous OpenSSL calls, where WebCrypto's asynchronous
 * jobs cost Node more than the arithmetic (issue 18).
 */
export function createNodeEvidenceCrypto(): EvidenceCrypto {
  return cachingEvidenceCrypto(
    (point) => {
      try {
        // OpenSSL refuses a point that is not on the curve.
        const uncompressed = point.length === 65 && point[0] === 4;
        return uncompressed ? createPublicKey({ key: p256Jwk(point), format: "jwk" }) : null;
      } catch {
        return null;
      }
    },
    (key, hash, signature, data) => {
      try {
        const algorithm = hash === "SHA-256" ? "sha256" : "sha384";
        return verify(algorithm, data, { key, dsaEncoding: "ieee-p1363" }, signature);
      } catch {
        return false;
      }
    },
    (...parts) => {
      const hash = createHash("sha256");
      for (const part of parts) hash.update(part);
      return new Uint8Array(hash.digest());
    },
  );
}

export const nodeEvidenceCrypto = createNodeEvidenceCrypto();
