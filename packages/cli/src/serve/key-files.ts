import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createHash, type webcrypto } from "node:crypto";
import { writeDurably } from "./durable-write.js";
import { EC_KEY, RSA_KEY, readIdentity, selfSigned, serverCertificate, type Identity } from "./x509.js";

/** The server certificate is renewed this long before it expires; the CA lives ten years. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

export interface Tls {
  readonly cert: string;
  readonly key: string;
  /** What a client must trust: the generated CA's file, or the issuer of --tls-cert. */
  readonly trust: string;
}

/** The instance's token key: `/certs` publishes its certificate under `kid`. */
export interface SigningIdentity {
  readonly privateKey: webcrypto.CryptoKey;
  /** base64 of the SHA-256 of the certificate's DER, the shape of the service's key ids. */
  readonly kid: string;
  /** Standard base64 DER, for `x5c`. */
  readonly certificateBase64: string;
}

async function readPair(dir: string, name: string, algorithm: typeof EC_KEY | typeof RSA_KEY) {
  try {
    const [cert, key] = await Promise.all([
      readFile(join(dir, `${name}.pem`), "utf8"),
      readFile(join(dir, `${name}-key.pem`), "utf8"),
    ]);
    return await readIdentity(cert, key, algorithm);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${join(dir, name)}.pem or its key cannot be read: ${(error as Error).message}`);
  }
}

async function writePair(dir: string, name: string, identity: Identity): Promise<void> {
  await writeDurably(join(dir, `${name}-key.pem`), identity.privateKeyPem, 0o600);
  await writeDurably(join(dir, `${name}.pem`), identity.certificatePem);
}

/** The local CA and its server certificate, made on first start and reused (renewed when due). */
export async function generatedTls(dataDir: string): Promise<Tls> {
  const dir = join(dataDir, "tls");
  let ca = await readPair(dir, "ca", EC_KEY);
  let server = ca && (await readPair(dir, "server", EC_KEY));
  if (!ca) {
    ca = await selfSigned("CN=policy-eval serve local CA", 10, true);
    await writePair(dir, "ca", ca);
  }
  if (!server || server.certificate.notAfter.getTime() - Date.now() < RENEW_BEFORE_MS) {
    server = await serverCertificate(ca, 2);
    await writePair(dir, "server", server);
  }
  return {
    cert: server.certificatePem,
    key: server.privateKeyPem,
    trust: `the CA certificate ${join(dir, "ca.pem")}`,
  };
}

/** The token signing key and certificate, made once and kept in the data directory. */
export async function signingIdentity(dataDir: string): Promise<SigningIdentity> {
  const dir = join(dataDir, "signing");
  let signer = await readPair(dir, "signer", RSA_KEY);
  if (!signer) {
    signer = await selfSigned("CN=policy-eval serve token signing", 10, false);
    await writePair(dir, "signer", signer);
  }
  const der = new Uint8Array(signer.certificate.rawData);
  return {
    privateKey: signer.privateKey,
    kid: createHash("sha256").update(der).digest("base64"),
    certificateBase64: Buffer.from(der).toString("base64"),
  };
}
