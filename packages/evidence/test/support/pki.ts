// Keys and certificates are generated per run: nothing secret is committed (CONTRIBUTING).
import "reflect-metadata";
import type { webcrypto } from "node:crypto";
import { BasicConstraintsExtension, X509CertificateGenerator, type X509Certificate } from "@peculiar/x509";

export const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

export interface Identity {
  readonly keys: webcrypto.CryptoKeyPair;
  readonly certificate: X509Certificate;
}

export interface IdentityOptions {
  readonly name: string;
  readonly issuer?: Identity;
  readonly ca?: boolean;
  readonly algorithm?: webcrypto.EcKeyGenParams | webcrypto.RsaHashedKeyGenParams;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

let serial = 1;

export async function identity(options: IdentityOptions): Promise<Identity> {
  const keys = await crypto.subtle.generateKey(options.algorithm ?? EC, true, ["sign", "verify"]);
  const common = {
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    notBefore: options.notBefore ?? new Date("2020-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2040-01-01T00:00:00Z"),
    signingAlgorithm: EC,
    extensions: options.ca ? [new BasicConstraintsExtension(true, undefined, true)] : [],
  };
  const certificate = options.issuer
    ? await X509CertificateGenerator.create({
        ...common,
        subject: options.name,
        issuer: options.issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: options.issuer.keys.privateKey,
      })
    : await X509CertificateGenerator.createSelfSigned({ ...common, name: options.name, keys });
  return { keys, certificate };
}

export interface Pki {
  readonly root: Identity;
  readonly ca: Identity;
  readonly pck: Identity;
  /** The root's uncompressed point, to pass as `rootPublicKey`. */
  readonly rootPublicKey: Uint8Array;
}

export async function pki(prefix = "Test SGX"): Promise<Pki> {
  const root = await identity({ name: `CN=${prefix} Root CA`, ca: true });
  const ca = await identity({ name: `CN=${prefix} PCK Processor CA`, issuer: root, ca: true });
  const pck = await identity({ name: `CN=${prefix} PCK Certificate`, issuer: ca });
  const rootPublicKey = new Uint8Array(await crypto.subtle.exportKey("raw", root.keys.publicKey));
  return { root, ca, pck, rootPublicKey };
}

export function pemChain(...certificates: X509Certificate[]): string {
  return certificates.map((c) => c.toString("pem") + "\n").join("");
}
