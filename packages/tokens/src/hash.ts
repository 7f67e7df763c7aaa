import { sha256 } from "@noble/hashes/sha2.js";
import { base64UrlEncode } from "./base64url.js";

const ascii = new TextEncoder();

/**
 * `x-ms-policy-hash` (spec §4.5): the hash of the `AttestationPolicy` claim value, i.e.
 * base64url(SHA-256(ASCII(base64url(UTF-8(text))))). Byte-exact: whitespace and CRLF matter.
 */
export function policyHash(policyText: string): string {
  return base64UrlEncode(sha256(ascii.encode(base64UrlEncode(policyText))));
}

/** `x-ms-policy-token-hash` (spec §4.4): base64url(SHA-256(the exact JWS string sent)). */
export function policyTokenHash(jws: string): string {
  return base64UrlEncode(sha256(ascii.encode(jws)));
}
