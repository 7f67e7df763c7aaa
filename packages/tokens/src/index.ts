export { base64UrlEncode, base64UrlDecode, type DecodeResult } from "./base64url.js";
export { policyHash, policyTokenHash } from "./hash.js";
export { encodeUnsecuredJws } from "./unsecured.js";
export { ok, fail, type Result, type TokenWarning } from "./result.js";
