import { serviceError } from "@maa-policy/parser";
import { checkAlgorithm, type TokenAlgorithm } from "./algorithm.js";
import {
  certificateJwk,
  certificatesFromX5c,
  describeCertificate,
  isCa,
  sameCertificate,
  type CertificateInfo,
  type CertificateJwk,
  type X509Certificate,
} from "./certificates.js";
import { CERTIFICATE_VALIDITY_IS_ERROR } from "./decisions.js";
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

export interface Verification {
  readonly algorithm: TokenAlgorithm;
  /** The `x5c` chain, leaf first; empty for an unsigned token. */
  readonly chain: readonly CertificateInfo[];
  /** The signer as `x-ms-policy-signer` shows it; absent for an unsigned token. */
  readonly signer?: CertificateJwk;
  /** Thumbprint of the trusted certificate that vouched for the chain, when trust was checked. */
  readonly trustedBy?: string;
}

const SIGNATURE_PARAMS = {
  RS256: { import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verify: { name: "RSASSA-PKCS1-v1_5" } },
  ES256: { import: { name: "ECDSA", namedCurve: "P-256" }, verify: { name: "ECDSA", hash: "SHA-256" } },
} as const;

/**
 * Checks a decomposed token as a provider would: an allowed `alg` (no aliases), the signature
 * against the leaf of `x5c`, each certificate issued by the next, a root that is a CA (the
 * service's `Unable to find issuer certificate` case, spec §3.2), in Isolated mode a chain
 * anchored in a trusted certificate, and every certificate within its validity.
 */
export async function verifyJws(parts: JwsParts, options: VerifyOptions = {}): Promise<Result<Verification>> {
  const algorithm = checkAlgorithm(parts, { refuseAliases: true });
  if (!algorithm.ok) return algorithm;
  const warnings = [...algorithm.warnings];
  const trusted = options.trustedCertificates;
  if (algorithm.value === "none") {
    if (!trusted && !options.requireSigned) return ok({ algorithm: "none", chain: [] }, warnings);
    const error = serviceError("InvalidOperation", "The token is unsigned, but a signed token is required.");
    return fail(error, { offset: 0, segment: "header" }, warnings);
  }
  const header = { offset: 0, segment: "header" } as const;
  const chain = certificatesFromX5c(parts.header.x5c, "The token header");
  if (!chain.ok) return fail(chain.error, header, warnings);
  const certificates = chain.value;
  const leaf = certificates[0];

  if (!(await signatureValid(parts, leaf, algorithm.value))) {
    const error = serviceError(
      "InvalidOperation",
      `The token signature does not verify with x5c[0] (${leaf.subject}).`,
    );
    return fail(error, { offset: parts.signatureStart, segment: "signature" }, warnings);
  }
  const anchor = await checkChain(certificates, trusted);
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
    signer: certificateJwk(leaf),
  };
  return ok(anchor.value ? { ...verification, trustedBy: anchor.value } : verification, warnings);
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

/**
 * Resolves to the thumbprint of the trusted anchor (undefined when no trust list is given). Like
 * a chain builder, every certificate must be issued by a CA: the next one in `x5c`, itself for a
 * self-signed root, or (with a trust list) a trusted certificate.
 */
async function checkChain(chain: readonly X509Certificate[], trusted?: readonly X509Certificate[]) {
  const notFound = (certificate: X509Certificate) =>
    fail<string | undefined>(
      serviceError("InvalidParameter", `Unable to find issuer certificate ${certificate.issuer}`),
    );
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!(await issuedBy(chain[i], chain[i + 1]))) return notFound(chain[i]);
  }
  const root = chain[chain.length - 1];
  const selfSigned = await issuedBy(root, root);
  if (!trusted) return selfSigned ? ok(undefined) : notFound(root);
  if (root.issuer === root.subject && !selfSigned) return notFound(root);
  for (const anchor of trusted) {
    if (chain.some((certificate) => sameCertificate(certificate, anchor)) || (await issuedBy(root, anchor))) {
      return ok((await describeCertificate(anchor)).thumbprint);
    }
  }
  return notFound(root);
}

async function issuedBy(certificate: X509Certificate, issuer: X509Certificate): Promise<boolean> {
  if (certificate.issuer !== issuer.subject || !isCa(issuer)) return false;
  try {
    return await certificate.verify({ publicKey: issuer, signatureOnly: true });
  } catch {
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
