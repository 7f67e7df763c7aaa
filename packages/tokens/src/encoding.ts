/**
 * The light part of the package: base64url, the two policy hashes and unsecured JWS encoding,
 * without the X.509 and JOSE libraries the rest loads. The evaluator and the evidence reader import
 * this entry, so that `policy-eval eval` does not pay for certificate code at start-up.
 */
export {
  base64UrlEncode,
  base64UrlDecode,
  base64Encode,
  base64Decode,
  type DecodeResult,
} from "./base64url.js";
export { policyHash, policyTokenHash } from "./hash.js";
export { encodeUnsecuredJws } from "./unsecured.js";
