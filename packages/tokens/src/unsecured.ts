import { base64UrlEncode } from "./base64url.js";

/**
 * An unsecured JWS (RFC 7515 §A.5) in compact form: the signature is empty, so the text ends in
 * `.`. The JSON is `JSON.stringify`'s, without spaces, which is what the SDKs send (spec §4.1).
 */
export function encodeUnsecuredJws(header: object, payload: object): string {
  return `${base64UrlEncode(JSON.stringify(header))}.${base64UrlEncode(JSON.stringify(payload))}.`;
}
