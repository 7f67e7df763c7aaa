import { serviceError, UTF8_BOM_IN_TEXT } from "@maa-policy/parser/model";
import { checkAlgorithm, type TokenAlgorithm } from "./algorithm.js";
import { base64UrlDecode, base64UrlEncode } from "./base64url.js";
import { LEGACY_POLICY_CLAIMS, POLICY_CLAIM } from "./decisions.js";
import { policyHash, policyTokenHash } from "./hash.js";
import { decomposeJws, payloadObject, type JwsParts } from "./jws.js";
import { fail, ok, type Result, type TokenWarning } from "./result.js";
import { signJws, type SigningKey } from "./signing-key.js";
import { encodeUnsecuredJws } from "./unsecured.js";

/** The unsigned reset token: `{"alg":"none"}`, an empty payload and an empty signature (spec §4.2). */
export const UNSIGNED_RESET_TOKEN = "eyJhbGciOiJub25lIn0..";

// A byte order mark at the start of the text is part of it when policy files keep theirs.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: UTF8_BOM_IN_TEXT });
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The PUT /policies body for `policyText` in an AAD-mode provider: what every SDK sends (spec §4.1). */
export function createUnsignedPolicyToken(policyText: string): string {
  return encodeUnsecuredJws({ alg: "none" }, { [POLICY_CLAIM]: base64UrlEncode(policyText) });
}

/** The policy token, signed when a key is given (RS256 or ES256 with `x5c`, as the JS SDK signs). */
export async function createPolicyToken(policyText: string, key?: SigningKey): Promise<Result<string>> {
  if (!key) return ok(createUnsignedPolicyToken(policyText));
  return signJws(JSON.stringify({ [POLICY_CLAIM]: base64UrlEncode(policyText) }), key);
}

/** The POST /policies/{type}:reset body, signed when a key is given. */
export async function createResetToken(key?: SigningKey): Promise<Result<string>> {
  return key ? signJws("", key) : ok(UNSIGNED_RESET_TOKEN);
}

export interface PolicyToken {
  readonly parts: JwsParts;
  readonly algorithm: TokenAlgorithm;
  /** The policy text, or null for a token with an empty payload (a reset, or no stored policy). */
  readonly policy: string | null;
  /** How the claim held the text: GA base64url, or the raw text of the 2018 preview. */
  readonly encoding: "base64url" | "raw-text" | null;
  /** The claim the text came from: `AttestationPolicy` unless a legacy name was used. */
  readonly claim: string | null;
  /** `x-ms-policy-hash` an attestation under this policy will carry (null without a policy). */
  readonly policyHash: string | null;
  /** `x-ms-policy-token-hash` the service answers when this exact token is uploaded. */
  readonly policyTokenHash: string;
}

/**
 * Decodes a policy upload token (or a stored policy from a GET response's `x-ms-policy`). The
 * signature is not checked here: `verifyJws` does that, asynchronously.
 */
export function decodePolicyToken(token: string): Result<PolicyToken> {
  const parts = decomposeJws(token);
  if (!parts.ok) return parts;
  const algorithm = checkAlgorithm(parts.value);
  if (!algorithm.ok) return algorithm;
  const warnings = [...algorithm.warnings];
  const base = { parts: parts.value, algorithm: algorithm.value, policyTokenHash: policyTokenHash(token) };
  if (parts.value.payload.length === 0) {
    return ok({ ...base, policy: null, encoding: null, claim: null, policyHash: null }, warnings);
  }
  const payload = payloadObject(parts.value);
  if (!payload.ok) return fail(payload.error, payload.location, warnings);

  const location = { offset: parts.value.payloadStart, segment: "payload" } as const;
  const claim = [POLICY_CLAIM, ...LEGACY_POLICY_CLAIMS].find((name) => name in payload.value);
  if (!claim) {
    const error = serviceError("InvalidOperation", `Could not find "${POLICY_CLAIM}" claim in policy token`);
    return fail(error, location, warnings);
  }
  if (claim !== POLICY_CLAIM) {
    warnings.push({
      code: "legacy-policy-claim",
      message: `The policy is in a "${claim}" claim; the service reads "${POLICY_CLAIM}".`,
    });
  }
  const value = payload.value[claim];
  if (typeof value !== "string") {
    return fail(
      serviceError("InvalidOperation", `The "${claim}" claim is not a string.`),
      location,
      warnings,
    );
  }
  const text = policyText(value, claim);
  if (!text.ok) return fail(text.error, location, warnings);
  warnings.push(...text.warnings);
  const encoding = text.warnings.length > 0 ? "raw-text" : "base64url";
  return ok({ ...base, policy: text.value, encoding, claim, policyHash: policyHash(text.value) }, warnings);
}

/**
 * GA tokens hold base64url(UTF-8 text); the 2018 preview held the text itself (spec §4.1). Policy
 * text always has `;` or `{`, so it is never valid base64url and the two cannot be confused.
 */
function policyText(value: string, claim: string): Result<string> {
  const decoded = base64UrlDecode(value);
  if (!decoded.ok && BASE64URL.test(value)) {
    // Base64url that is wrongly spelt (a length or trailing bits no encoder writes) is not text.
    return fail(
      serviceError(
        "InvalidOperation",
        `The "${claim}" claim is not valid base64url: ${decoded.error.message}`,
      ),
    );
  }
  if (!decoded.ok) {
    const message = `The "${claim}" claim holds raw policy text (the 2018-09-01-preview format); GA services expect base64url.`;
    return ok(value, [{ code: "raw-policy-text", message }] satisfies TokenWarning[]);
  }
  try {
    return ok(utf8.decode(decoded.value));
  } catch {
    return fail(serviceError("InvalidOperation", `The "${claim}" claim does not decode to UTF-8 text.`));
  }
}
