import "reflect-metadata";
import { BasicConstraintsExtension, PemConverter, X509CertificateGenerator } from "@peculiar/x509";

const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
} as const;

/** A policy signer as the client takes it: a PKCS#8 PEM key and a PEM certificate, made per run. */
export interface PolicySigner {
  readonly privateKey: string;
  readonly certificate: string;
}

/**
 * A self-signed RSA signer. `ca: false` makes the certificate the service refuses as a chain root
 * (`Unable to find issuer certificate`, troubleshooting guide).
 */
export async function policySigner(name: string, ca = true): Promise<PolicySigner> {
  const keys = await crypto.subtle.generateKey(RSA, true, ["sign", "verify"]);
  const certificate = await X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    keys,
    signingAlgorithm: RSA,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions: ca ? [new BasicConstraintsExtension(true, undefined, true)] : [],
  });
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { privateKey: PemConverter.encode(pkcs8, "PRIVATE KEY"), certificate: certificate.toString("pem") };
}
