import { serviceError } from "@maa-policy/parser/model";
import { checkAlgorithm } from "./algorithm.js";
import {
  certificateJwk,
  certificatesFromPem,
  certificatesFromX5c,
  describeCertificate,
  type CertificateInfo,
  type CertificateJwk,
} from "./certificates.js";
import { LEGACY_SIGNER_CLAIMS, SIGNER_CLAIM } from "./decisions.js";
import { decomposeJws, payloadObject, type JwsParts } from "./jws.js";
import { fail, ok, type Result, type TokenWarning } from "./result.js";
import { signJws, type SigningKey } from "./signing-key.js";

/**
 * The body of POST /certificates:add and :remove (spec §4.3): `{"policyCertificate": {"kty",
 * "x5c"}}` naming the certificate to add or remove, signed with an existing management key.
 */
export async function createPolicyCertificateToken(
  certificatePem: string,
  key: SigningKey,
): Promise<Result<string>> {
  const certificates = certificatesFromPem(certificatePem, "the policy management certificate");
  if (!certificates.ok) return certificates;
  return signJws(JSON.stringify({ [SIGNER_CLAIM]: certificateJwk(certificates.value[0]) }), key);
}

export interface PolicyCertificateToken {
  readonly parts: JwsParts;
  /** The claim the certificate came from: `policyCertificate` unless a legacy name was used. */
  readonly claim: string;
  readonly jwk: CertificateJwk;
  /** The certificate being added or removed; its thumbprint is `x-ms-certificate-thumbprint`. */
  readonly certificate: CertificateInfo;
}

/** Decodes a signer token. Its signature is checked separately, with `verifyJws`. */
export async function decodePolicyCertificateToken(token: string): Promise<Result<PolicyCertificateToken>> {
  const parts = decomposeJws(token);
  if (!parts.ok) return parts;
  const algorithm = checkAlgorithm(parts.value);
  if (!algorithm.ok) return algorithm;
  const payload = payloadObject(parts.value);
  if (!payload.ok) return fail(payload.error, payload.location, algorithm.warnings);
  const location = { offset: parts.value.payloadStart, segment: "payload" } as const;
  const warnings: TokenWarning[] = [...algorithm.warnings];
  const claim = [SIGNER_CLAIM, ...LEGACY_SIGNER_CLAIMS].find((name) => name in payload.value);
  if (!claim) {
    return fail(
      serviceError("InvalidOperation", `Could not find "${SIGNER_CLAIM}" claim in policy token`),
      location,
    );
  }
  if (claim !== SIGNER_CLAIM) {
    warnings.push({
      code: "legacy-signer-claim",
      message: `The certificate is in a "${claim}" claim, a pre-GA or documentation name; the SDKs send "${SIGNER_CLAIM}".`,
    });
  }
  const jwk = payload.value[claim] as { kty?: unknown; x5c?: unknown } | null;
  if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) {
    return fail(
      serviceError("InvalidOperation", `The "${claim}" claim is not a JSON Web Key object.`),
      location,
      warnings,
    );
  }
  const certificates = certificatesFromX5c(jwk.x5c, `The "${claim}" key`);
  if (!certificates.ok) return fail(certificates.error, location, warnings);
  const certificate = certificates.value[0];
  const expected = certificateJwk(certificate);
  if (jwk.kty !== expected.kty) {
    warnings.push({
      code: "key-type-mismatch",
      message: `The "${claim}" key says "kty": ${JSON.stringify(jwk.kty)}, but its certificate holds an ${expected.kty} key.`,
    });
  }
  const info = await describeCertificate(certificate);
  return ok({ parts: parts.value, claim, jwk: expected, certificate: info }, warnings);
}
