import { concatBytes, equalBytes } from "./bytes.js";
import { walk } from "./der.js";
import type { EcdsaHash, EvidenceCrypto } from "./evidence-crypto.js";

/** `ecdsa-with-SHA256` and `ecdsa-with-SHA384` AlgorithmIdentifiers, DER (no parameters). */
const ALGORITHMS: readonly [Uint8Array, EcdsaHash][] = [
  [Uint8Array.of(0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02), "SHA-256"],
  [Uint8Array.of(0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03), "SHA-384"],
];

/**
 * Verifies a certificate's ECDSA signature over its TBS bytes exactly as given. The ASN.1 layer
 * under @peculiar/x509 re-encodes what it parsed and ignores some tag changes, so a flipped tag
 * could verify there; here the signed bytes are the received bytes, and the signature must be the
 * one DER encoding of (r, s).
 */
export async function verifyCertificateSignature(
  der: Uint8Array,
  issuerPoint: Uint8Array,
  crypto: EvidenceCrypto,
): Promise<boolean> {
  const top = walk(der, 0, der.length);
  if (typeof top === "number" || top.length !== 1 || top[0].tag !== 0x30) return false;
  const parts = walk(der, top[0].content, top[0].end);
  if (typeof parts === "number" || parts.length !== 3) return false;
  const [tbs, algorithm, value] = parts;
  if (tbs.tag !== 0x30 || value.tag !== 0x03 || der[value.content] !== 0) return false;
  const hash = ALGORITHMS.find(([bytes]) =>
    equalBytes(bytes, der.subarray(algorithm.start, algorithm.end)),
  )?.[1];
  const signature = rawSignature(der.subarray(value.content + 1, value.end));
  if (hash === undefined || signature === null) return false;
  return crypto.verify(issuerPoint, hash, signature, der.subarray(tbs.start, tbs.end));
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }` to the 64-byte r||s WebCrypto verifies, or null. */
function rawSignature(bytes: Uint8Array): Uint8Array | null {
  const top = walk(bytes, 0, bytes.length);
  if (typeof top === "number" || top.length !== 1 || top[0].tag !== 0x30) return null;
  const ints = walk(bytes, top[0].content, top[0].end);
  if (typeof ints === "number" || ints.length !== 2) return null;
  const parts = ints.map((int) =>
    scalar(int.tag === 0x02 ? bytes.subarray(int.content, int.end) : new Uint8Array(0)),
  );
  return parts[0] && parts[1] ? concatBytes(parts[0], parts[1]) : null;
}

/** A positive, minimally encoded INTEGER of at most 32 bytes, left-padded to 32. */
function scalar(int: Uint8Array): Uint8Array | null {
  if (int.length === 0 || int[0] & 0x80) return null;
  if (int.length > 1 && int[0] === 0 && !(int[1] & 0x80)) return null;
  const value = int[0] === 0 ? int.subarray(1) : int;
  if (value.length > 32) return null;
  const out = new Uint8Array(32);
  out.set(value, 32 - value.length);
  return out;
}
