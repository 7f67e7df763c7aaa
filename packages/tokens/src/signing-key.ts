import { exportJWK, importPKCS8, CompactSign } from "jose";
import { serviceError } from "@maa-policy/parser/model";
import { certificatesFromPem, derBase64, keyType, type X509Certificate } from "./certificates.js";
import type { SigningAlgorithm } from "./decisions.js";
import { fail, ok, type Result } from "./result.js";

/** A private key with its certificate chain (leaf first), ready to sign policy tokens. */
export interface SigningKey {
  readonly algorithm: SigningAlgorithm;
  readonly privateKey: CryptoKey;
  readonly chain: readonly X509Certificate[];
}

const invalid = (message: string) => serviceError("InvalidParameter", message);

/**
 * Pairs a PKCS#8 PEM private key with a PEM certificate (or chain). Like the SDKs, the algorithm
 * follows the key type (RSA → RS256, EC P-256 → ES256) and a key that does not match the
 * certificate is refused before anything is signed.
 */
export async function loadSigningKey(
  privateKeyPem: string,
  certificatePem: string,
): Promise<Result<SigningKey>> {
  const chain = certificatesFromPem(certificatePem, "the signing certificate");
  if (!chain.ok) return chain;
  const leaf = chain.value[0];
  const algorithm = signingAlgorithm(leaf);
  if (!algorithm) {
    const { name, namedCurve } = leaf.publicKey.algorithm as EcKeyAlgorithm;
    const type = namedCurve ? `${name} ${namedCurve}` : name;
    return fail(
      invalid(`Unknown public key type: ${type} (policy tokens are signed with RSA or EC P-256 keys).`),
    );
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await importPKCS8(privateKeyPem, algorithm, { extractable: true });
  } catch {
    return fail(
      invalid(
        `The private key is not an unencrypted PKCS#8 PEM ${keyType(leaf)} key (-----BEGIN PRIVATE KEY-----).`,
      ),
    );
  }
  if (!(await sameKey(privateKey, leaf, algorithm))) {
    return fail(invalid(`The private key does not match the signing certificate (${leaf.subject}).`));
  }
  return ok({ algorithm, privateKey, chain: chain.value });
}

function signingAlgorithm(certificate: X509Certificate): SigningAlgorithm | undefined {
  const algorithm = certificate.publicKey.algorithm as EcKeyAlgorithm;
  if (keyType(certificate) === "RSA") return "RS256";
  return algorithm.name === "ECDSA" && algorithm.namedCurve === "P-256" ? "ES256" : undefined;
}

async function sameKey(privateKey: CryptoKey, certificate: X509Certificate, algorithm: SigningAlgorithm) {
  const usage =
    algorithm === "RS256" ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } : certificate.publicKey.algorithm;
  const publicJwk = await exportJWK(await certificate.publicKey.export(usage, ["verify"]));
  const privateJwk = await exportJWK(privateKey);
  const members = algorithm === "RS256" ? (["n", "e"] as const) : (["crv", "x", "y"] as const);
  return members.every((member) => publicJwk[member] === privateJwk[member]);
}

/** A compact JWS over the UTF-8 of `payload`, header `{"alg", "x5c"}` like the JS SDK's. */
export async function signJws(payload: string, key: SigningKey): Promise<Result<string>> {
  try {
    const header = { alg: key.algorithm, x5c: key.chain.map(derBase64) };
    const jws = await new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader(header)
      .sign(key.privateKey);
    return ok(jws);
  } catch (error) {
    return fail(invalid(`Signing failed: ${(error as Error).message}`));
  }
}
