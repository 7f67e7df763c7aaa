import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
} from "@peculiar/x509";
import { serviceError } from "@maa-policy/parser/model";
import { describeCertificate, isCa, sameCertificate, type X509Certificate } from "./certificates.js";
import { SIGNER_EXTENDED_KEY_USAGES, UNDERSTOOD_CRITICAL_EXTENSIONS } from "./decisions.js";
import { fail, ok, type Result } from "./result.js";

const refuse = <T>(message: string) => fail<T>(serviceError("InvalidParameter", message));

/**
 * Checks a signer's chain (leaf first) as RFC 5280 §6 path validation does, and as OpenSSL
 * refuses what it refuses: each certificate issued by the next (or, with a trust list, the last by
 * a trusted certificate), every issuer a CA whose key usage allows certificate signing and whose
 * `pathLenConstraint` holds, the leaf's key usage a digital signature, extended key usage (where
 * present) one a policy signer may have, no extension twice and no critical extension this
 * verifier does not understand. Resolves to the thumbprint of the trusted certificate that anchors
 * the chain (undefined without a trust list). Errors name the certificate's place: `x5c[1] (CN=…)`.
 * `verifyJws` checks a token's chain with it; so can any other verifier of signers.
 */
export async function checkCertificateChain(
  chain: readonly X509Certificate[],
  trusted?: readonly X509Certificate[],
): Promise<Result<string | undefined>> {
  const name = (i: number) => `Certificate x5c[${i}] (${chain[i].subject})`;
  for (let i = 0; i < chain.length; i++) {
    const problem = extensionProblem(chain[i], name(i)) ?? usageProblem(chain[i], name(i), i === 0);
    if (problem) return refuse(problem);
  }
  const notFound = (certificate: X509Certificate) =>
    refuse<string | undefined>(`Unable to find issuer certificate ${certificate.issuer}`);
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!(await issuedBy(chain[i], chain[i + 1]))) return notFound(chain[i]);
    const problem = issuerProblem(chain[i + 1], chain.slice(1, i + 1), name(i + 1));
    if (problem) return refuse(problem);
  }
  const root = chain[chain.length - 1];
  const selfSigned = await issuedBy(root, root);
  // A self-signed signer is its own issuer; a longer chain's root was checked as one above.
  const rootProblem = selfSigned && chain.length === 1 ? issuerProblem(root, [], name(0)) : undefined;
  if (rootProblem) return refuse(rootProblem);
  if (!trusted) return selfSigned ? ok(undefined) : notFound(root);
  if (root.issuer === root.subject && !selfSigned) return notFound(root);
  for (const anchor of trusted) {
    const inChain = chain.some((certificate) => sameCertificate(certificate, anchor));
    if (!inChain && !(await issuedBy(root, anchor))) continue;
    if (!inChain) {
      const what = `The trusted certificate (${anchor.subject})`;
      const problem =
        extensionProblem(anchor, what) ??
        usageProblem(anchor, what, false) ??
        issuerProblem(anchor, chain.slice(1), what);
      if (problem) return refuse(problem);
    }
    return ok((await describeCertificate(anchor)).thumbprint);
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

/** RFC 5280 §4.2: an extension appears once, and a critical one must be understood. */
function extensionProblem(certificate: X509Certificate, what: string): string | undefined {
  const seen = new Set<string>();
  for (const extension of certificate.extensions) {
    if (seen.has(extension.type)) return `${what} has the extension ${extension.type} twice.`;
    seen.add(extension.type);
    if (extension.critical && !UNDERSTOOD_CRITICAL_EXTENSIONS.includes(extension.type))
      return `${what} has an unrecognised critical extension ${extension.type}.`;
  }
  return undefined;
}

/** Key usage (§4.2.1.3) of the signer and extended key usage (§4.2.1.12) of every certificate. */
function usageProblem(certificate: X509Certificate, what: string, leaf: boolean): string | undefined {
  const usage = certificate.getExtension(KeyUsagesExtension);
  if (leaf && usage && !(usage.usages & KeyUsageFlags.digitalSignature)) {
    return `${what} may not sign tokens: its key usage (${keyUsageNames(usage.usages)}) does not include digitalSignature.`;
  }
  const extended = certificate.getExtension(ExtendedKeyUsageExtension);
  if (extended && !extended.usages.some((oid) => SIGNER_EXTENDED_KEY_USAGES.includes(String(oid)))) {
    const names = extended.usages.map((oid) => EKU_NAMES.get(String(oid)) ?? String(oid)).join(", ");
    return `${what} may not sign policies: its extended key usage (${names}) includes neither codeSigning nor anyExtendedKeyUsage.`;
  }
  return undefined;
}

/**
 * `issuer` as the issuer of the certificate below it: certificate signing in its key usage, and no
 * more CA certificates between it and the leaf (`between`) than its path length allows.
 * Self-issued intermediates do not count (RFC 5280 §6.1.4 (l)).
 */
function issuerProblem(
  issuer: X509Certificate,
  between: readonly X509Certificate[],
  what: string,
): string | undefined {
  const usage = issuer.getExtension(KeyUsagesExtension);
  if (usage && !(usage.usages & KeyUsageFlags.keyCertSign)) {
    return `${what} may not issue certificates: its key usage (${keyUsageNames(usage.usages)}) does not include keyCertSign.`;
  }
  const limit = issuer.getExtension(BasicConstraintsExtension)?.pathLength;
  if (limit === undefined) return undefined;
  const below = between.filter((certificate) => certificate.subject !== certificate.issuer).length;
  if (below <= limit) return undefined;
  return `${what}: path length constraint exceeded (pathLenConstraint ${limit}, ${below} CA certificate${below === 1 ? "" : "s"} below it).`;
}

function keyUsageNames(usages: number): string {
  const names = Object.entries(KeyUsageFlags)
    .filter(([name, bit]) => typeof bit === "number" && usages & bit && Number.isNaN(Number(name)))
    .map(([name]) => name);
  return names.length > 0 ? names.join(", ") : "none";
}

const EKU_NAMES = new Map<string, string>([
  ...Object.entries(ExtendedKeyUsage).map(([name, oid]) => [String(oid), name] as [string, string]),
  ["2.5.29.37.0", "anyExtendedKeyUsage"],
  ["1.3.6.1.5.5.7.3.36", "documentSigning"],
]);
