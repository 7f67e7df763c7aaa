// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill
// loaded first; serve reaches the library only through this module so the order holds.
import type { webcrypto } from "node:crypto";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

export { x509 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate and the private key it certifies, as CryptoKeys and as PEM for files and TLS. */
export interface Identity {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: webcrypto.CryptoKey;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** TLS keys are EC P-256 (quick to make); the token key is RSA, since clients verify RS256 tokens. */
export const EC_KEY = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
export const RSA_KEY = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
} as const;

async function identity(certificate: x509.X509Certificate, keys: webcrypto.CryptoKeyPair): Promise<Identity> {
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    certificate,
    privateKey: keys.privateKey,
    certificatePem: certificate.toString("pem"),
    privateKeyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY"),
  };
}

const keyPair = (algorithm: typeof EC_KEY | typeof RSA_KEY) =>
  crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);

/** A self-signed certificate; a CA when `ca` (for the TLS root), else a leaf (the token signer). */
export async function selfSigned(name: string, years: number, ca: boolean): Promise<Identity> {
  const keys = await keyPair(ca ? EC_KEY : RSA_KEY);
  const usages = ca
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
    : x509.KeyUsageFlags.digitalSignature;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + years * 365 * DAY_MS),
    signingAlgorithm: ca ? EC_KEY : RSA_KEY,
    extensions: [
      new x509.BasicConstraintsExtension(ca, undefined, true),
      new x509.KeyUsagesExtension(usages, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return identity(certificate, keys);
}

/** The HTTPS server's certificate for localhost, 127.0.0.1 and ::1, issued by the local CA. */
export async function serverCertificate(ca: Identity, years: number): Promise<Identity> {
  const keys = await keyPair(EC_KEY);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: "CN=localhost",
    issuer: ca.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + years * 365 * DAY_MS),
    signingAlgorithm: EC_KEY,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "localhost" },
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return identity(certificate, keys);
}

/** Reads a PEM certificate and PKCS#8 key written by `identity`. */
export async function readIdentity(
  certificatePem: string,
  privateKeyPem: string,
  algorithm: typeof EC_KEY | typeof RSA_KEY,
): Promise<Identity> {
  const certificate = new x509.X509Certificate(certificatePem);
  const der = x509.PemConverter.decodeFirst(privateKeyPem);
  const privateKey = await crypto.subtle.importKey("pkcs8", der, algorithm, true, ["sign"]);
  return { certificate, privateKey, certificatePem, privateKeyPem };
}
