// @peculiar/x509 resolves its services through tsyringe, which needs a Reflect metadata polyfill
// loaded first; every use of the library goes through this module so the order holds.
import "reflect-metadata";
import { BasicConstraintsExtension, X509Certificate } from "@peculiar/x509";
import { serviceError } from "@maa-policy/parser/model";
import { base64Decode, base64Encode } from "./base64url.js";
import { MAX_CHAIN_CERTIFICATES } from "./limits.js";
import { fail, ok, type Result } from "./result.js";

export { X509Certificate };

/** What a user needs to recognise a certificate; `thumbprint` is `x-ms-certificate-thumbprint`. */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Upper-case hex SHA-1 of the DER bytes, as the service's certificate results show it. */
  readonly thumbprint: string;
  readonly isCa: boolean;
  readonly keyType: "RSA" | "EC" | "other";
}

/** A JWK holding only the certificate, the shape of `policyCertificate` and `x-ms-policy-signer`. */
export interface CertificateJwk {
  readonly kty: string;
  readonly x5c: readonly string[];
}

const invalid = (message: string) => serviceError("InvalidParameter", message);

/** One certificate from DER bytes; `what` names it in the error (`x5c[1]`, `cert.pem`). */
export function certificateFromDer(der: Uint8Array<ArrayBuffer>, what: string): Result<X509Certificate> {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    return fail(invalid(`${what} is not a DER-encoded X.509 certificate.`));
  }
  // The library reads names and extension values only when asked, and throws then: read them all
  // here, so that a malformed one is refused by position and nothing later meets an exception.
  try {
    void [certificate.subject, certificate.issuer, certificate.notBefore, certificate.notAfter];
  } catch {
    return fail(invalid(`${what} has a malformed name or validity.`));
  }
  try {
    void certificate.extensions;
  } catch {
    return fail(invalid(`${what} (${certificate.subject}) has a malformed extension that cannot be read.`));
  }
  return ok(certificate);
}

/** Every `CERTIFICATE` block of a PEM text, in order (leaf first for a chain). */
export function certificatesFromPem(pem: string, what: string): Result<X509Certificate[]> {
  const certificates: X509Certificate[] = [];
  for (const block of pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g)) {
    const index = certificates.length;
    const der = base64Decode(block[1].replace(/\s+/g, ""));
    if (!der.ok) return fail(invalid(`${what}: certificate ${index + 1} is not valid base64.`));
    const certificate = certificateFromDer(der.value, `${what}: certificate ${index + 1}`);
    if (!certificate.ok) return certificate;
    certificates.push(certificate.value);
  }
  if (certificates.length === 0)
    return fail(invalid(`${what} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`));
  return ok(certificates);
}

/** The `x5c` header or JWK member: a non-empty array of standard-base64 DER certificates. */
export function certificatesFromX5c(x5c: unknown, what: string): Result<X509Certificate[]> {
  if (!Array.isArray(x5c) || x5c.length === 0) {
    return fail(invalid(`${what} has no "x5c" certificate chain.`));
  }
  if (x5c.length > MAX_CHAIN_CERTIFICATES) {
    return fail(
      invalid(
        `${what} has ${x5c.length} certificates in "x5c"; a chain of more than ${MAX_CHAIN_CERTIFICATES} is refused.`,
      ),
    );
  }
  const certificates: X509Certificate[] = [];
  for (const [index, entry] of x5c.entries()) {
    const name = `${what} x5c[${index}]`;
    if (typeof entry !== "string") return fail(invalid(`${name} is not a string.`));
    const der = base64Decode(entry);
    if (!der.ok) return fail(invalid(`${name} is not valid base64: ${der.error.message}`));
    const certificate = certificateFromDer(der.value, name);
    if (!certificate.ok) return certificate;
    certificates.push(certificate.value);
  }
  return ok(certificates);
}

export function keyType(certificate: X509Certificate): CertificateInfo["keyType"] {
  const name = certificate.publicKey.algorithm.name;
  if (name.startsWith("RSA")) return "RSA";
  return name === "ECDSA" ? "EC" : "other";
}

export function isCa(certificate: X509Certificate): boolean {
  return certificate.getExtension(BasicConstraintsExtension)?.ca === true;
}

export function derBase64(certificate: X509Certificate): string {
  return base64Encode(new Uint8Array(certificate.rawData));
}

export function certificateJwk(certificate: X509Certificate): CertificateJwk {
  return { kty: keyType(certificate), x5c: [derBase64(certificate)] };
}

export async function describeCertificate(certificate: X509Certificate): Promise<CertificateInfo> {
  const sha1 = new Uint8Array(await certificate.getThumbprint("SHA-1"));
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    thumbprint: Array.from(sha1, (byte) => byte.toString(16).padStart(2, "0").toUpperCase()).join(""),
    isCa: isCa(certificate),
    keyType: keyType(certificate),
  };
}

export function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  const x = new Uint8Array(a.rawData);
  const y = new Uint8Array(b.rawData);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}
