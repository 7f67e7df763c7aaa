// Test keys and certificates are generated per run: nothing secret is committed (CONTRIBUTING).
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import {
  BasicConstraintsExtension,
  PemConverter,
  type Extension,
  X509CertificateGenerator,
  type X509Certificate,
} from "@peculiar/x509";

export const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
export const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
export const EC384 = { name: "ECDSA", namedCurve: "P-384", hash: "SHA-384" };

type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface TestIdentity {
  readonly keys: CryptoKeyPair;
  readonly certificate: X509Certificate;
  /** PKCS#8 PEM of the private key. */
  readonly keyPem: string;
  /** PEM of the certificate alone. */
  readonly certPem: string;
}

interface Options {
  readonly name?: string;
  readonly ca?: boolean;
  readonly issuer?: TestIdentity;
  readonly algorithm?: typeof RSA | typeof EC | typeof EC384;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** A CA's pathLenConstraint. */
  readonly pathLength?: number;
  /** Added after basic constraints (key usage, extended key usage, anything hostile). */
  readonly extensions?: readonly Extension[];
}

let serial = 1;

export async function identity(options: Options = {}): Promise<TestIdentity> {
  const algorithm = options.algorithm ?? RSA;
  const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const name = options.name ?? "CN=attestationsigningcert";
  const common = {
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    notBefore: options.notBefore ?? new Date("2024-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2124-01-01T00:00:00Z"),
    signingAlgorithm: options.issuer ? signingAlgorithm(options.issuer) : algorithm,
    extensions: [
      ...(options.ca ? [new BasicConstraintsExtension(true, options.pathLength, true)] : []),
      ...(options.extensions ?? []),
    ],
  };
  const certificate = options.issuer
    ? await X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: options.issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: options.issuer.keys.privateKey,
      })
    : await X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    keys,
    certificate,
    keyPem: PemConverter.encode(pkcs8, "PRIVATE KEY"),
    certPem: certificate.toString("pem"),
  };
}

function signingAlgorithm(issuer: TestIdentity) {
  const algorithm = issuer.keys.privateKey.algorithm as webcrypto.EcKeyAlgorithm;
  if (algorithm.name === "ECDSA") return algorithm.namedCurve === "P-384" ? EC384 : EC;
  return RSA;
}
