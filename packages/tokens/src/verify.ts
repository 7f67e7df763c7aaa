import { serviceError } from "@maa-policy/parser/model";
import { checkAlgorithm, type TokenAlgorithm } from "./algorithm.js";
import {
  certificateJwk,
  describeCertificate,
  type CertificateInfo,
  type CertificateJwk,
  type X509Certificate,
} from "./certificates.js";
import { checkCertificateChain } from "./chain.js";
import { checkCritical, headerChain } from "./header.js";
import { CERTIFICATE_VALIDITY_IS_ERROR, type SigningAlgorithm } from "./decisions.js";
import type { JwsParts } from "./jws.js";
import { fail, ok, type Result, type TokenWarning } from "./result.js";

export interface VerifyOptions {
  /**
   * The provider's policy management certificates (an Isolated-mode provider). When given, the
   * token must be signed, and its `x5c` chain must contain or be issued by one of them.
   */
  readonly trustedCertificates?: readonly X509Certificate[];
  /** Refuse unsigned tokens even without trusted certificates. */
  readonly requireSigned?: boolean;
  /** The time certificates are checked against (default: now). */
  readonly now?: Date;
}

export interface SignerJwk extends CertificateJwk {
  readonly alg: SigningAlgorithm;
  readonly use: "sig";
}

export interface Verification {
  readonly algorithm: TokenAlgorithm;
  /** The `x5c` chain, leaf first; empty for an unsigned token. */
  readonly chain: readonly CertificateInfo[];
  /**
   * The signer as the service reports it in `x-ms-policy-signer`: `{alg, kty, use, x5c}` with the
   * leaf certificate (recorded, spec §8.1); absent for an unsigned token.
   */
  readonly signer?: SignerJwk;
  /** Thumbprint of the trusted certificate that vouched for the chain, when trust was checked. */
  readonly trustedBy?: string;
}

const SIGNATURE_PARAMS = {
  RS256: { import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verify: { name: "RSASSA-PKCS1-v1_5" } },
  ES256: { import: { name: "ECDSA", namedCurve: "P-256" }, verify: { name: "ECDSA", hash: "SHA-256" } },
} as const;

/**
 * Checks a decomposed token as a provider would: an allowed `alg` (the docs' `RSA256` read as
 * RS256), no `crit` extension it does not understand, the signature against the leaf of the chain
 * (`x5c`, or `jwk.x5c`), the chain itself (`checkCertificateChain`: RFC 5280 path validation,
 * anchored in a trusted certificate in Isolated mode), and every certificate within its validity.
 */
export async function verifyJws(parts: JwsParts, options: VerifyOptions = {}): Promise<Result<Verification>> {
  const algorithm = checkAlgorithm(parts);
  if (!algorithm.ok) return algorithm;
  const warnings = [...algorithm.warnings];
  const critical = checkCritical(parts);
  if (!critical.ok) return fail(critical.error, critical.location, warnings);
  const trusted = options.trustedCertificates;
  if (algorithm.value === "none") {
    if (!trusted && !options.requireSigned) return ok({ algorithm: "none", chain: [] }, warnings);
    const error = serviceError("InvalidOperation", "The token is unsigned, but a signed token is required.");
    return fail(error, { offset: 0, segment: "header" }, warnings);
  }
  const header = { offset: 0, segment: "header" } as const;
  const chain = headerChain(parts);
  if (!chain.ok) return fail(chain.error, chain.location, warnings);
  warnings.push(...chain.warnings);
  const certificates = chain.value;
  const leaf = certificates[0];

  if (!(await signatureValid(parts, leaf, algorithm.value))) {
    const error = serviceError(
      "InvalidOperation",
      `The token signature does not verify with x5c[0] (${leaf.subject}).`,
    );
    return fail(error, { offset: parts.signatureStart, segment: "signature" }, warnings);
  }
  const anchor = await checkCertificateChain(certificates, trusted);
  if (!anchor.ok) return fail(anchor.error, header, warnings);

  const infos = await Promise.all(certificates.map(describeCertificate));
  const validity = validityProblems(infos, options.now ?? new Date());
  if (validity.length > 0 && CERTIFICATE_VALIDITY_IS_ERROR) {
    return fail(serviceError("InvalidParameter", validity[0].message), header, warnings);
  }
  warnings.push(...validity);
  const verification: Verification = {
    algorithm: algorithm.value,
    chain: infos,
    signer: signerJwk(algorithm.value, certificateJwk(leaf)),
  };
  return ok(anchor.value ? { ...verification, trustedBy: anchor.value } : verification, warnings);
}

/** In the recorded member order: alg, kty, use, x5c. */
function signerJwk(alg: SigningAlgorithm, { kty, x5c }: CertificateJwk): SignerJwk {
  return { alg, kty, use: "sig", x5c };
}

async function signatureValid(parts: JwsParts, leaf: X509Certificate, algorithm: "RS256" | "ES256") {
  const params = SIGNATURE_PARAMS[algorithm];
  try {
    const key = await leaf.publicKey.export(params.import, ["verify"]);
    const data = new TextEncoder().encode(parts.signingInput);
    return await crypto.subtle.verify(params.verify, key, new Uint8Array(parts.signature), data);
  } catch {
    // A key of the wrong type for the algorithm (an EC certificate on an RS256 token) lands here.
    return false;
  }
}

function validityProblems(chain: readonly CertificateInfo[], now: Date): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  for (const [index, info] of chain.entries()) {
    if (now > info.notAfter) {
      const message = `Certificate x5c[${index}] (${info.subject}) expired on ${info.notAfter.toISOString()}.`;
      warnings.push({ code: "certificate-expired", message });
    } else if (now < info.notBefore) {
      const message = `Certificate x5c[${index}] (${info.subject}) is not valid before ${info.notBefore.toISOString()}.`;
      warnings.push({ code: "certificate-not-yet-valid", message });
    }
  }
  return warnings;
}
