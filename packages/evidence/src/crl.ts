import { X509Certificate, X509Crl } from "./x509.js";
import { own } from "./bytes.js";
import { evidenceError, fail, ok, type Result } from "./errors.js";
import type { ChainCertificate } from "./pck-chain.js";

/** Certificate revocation lists the user holds (Intel PCS: the PCK CA's CRL and the root CA's CRL). */
export type CrlInput = Uint8Array | string;

export interface RevocationStatus {
  /** Issuers whose CRL was given, verified and current: their certificates in the chain are not revoked. */
  readonly checked: readonly string[];
  /** Issuers of certificates in the chain for which no CRL was given. */
  readonly unchecked: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Checks the chain against CRLs: each CRL must be signed by the chain certificate that issued it and
 * be current at `now`, and no chain certificate it covers may be listed in it.
 */
export async function checkRevocation(
  crls: readonly CrlInput[],
  chain: readonly ChainCertificate[],
  now: Date,
): Promise<Result<RevocationStatus>> {
  const checked = new Set<string>();
  const warnings: string[] = [];
  for (const [i, input] of crls.entries()) {
    const field = `collateral.crls[${i}]`;
    const crl = await parseCrl(input);
    if (crl === null)
      return fail(evidenceError("crl-parse", field, null, `CRL #${i} is not a PEM or DER X.509 CRL`));
    const issuer = chain.find((c) => c.subject === crl.issuer);
    if (issuer === undefined) {
      warnings.push(`${field}: the CRL of '${crl.issuer}' covers no certificate of this chain: ignored`);
      continue;
    }
    const signed = await crl
      .verify({ publicKey: await importKey(issuer.key) }, globalThis.crypto)
      .catch(() => false);
    if (!signed) {
      return fail(
        evidenceError("crl-signature", field, null, `CRL #${i} is not signed by '${issuer.subject}'`),
      );
    }
    if (now < crl.thisUpdate || (crl.nextUpdate !== undefined && now > crl.nextUpdate)) {
      const until = crl.nextUpdate?.toISOString() ?? "(no next update)";
      const detail = `CRL #${i} of '${crl.issuer}' is not current at ${now.toISOString()} (${crl.thisUpdate.toISOString()} to ${until})`;
      return fail(evidenceError("crl-validity", field, null, detail));
    }
    for (const [j, cert] of chain.entries()) {
      if (cert.issuer !== crl.issuer || cert.issuer === cert.subject) continue;
      if (crl.findRevoked(new X509Certificate(own(cert.der))) !== null) {
        const detail = `PCK chain certificate #${j} (${cert.subject}) is revoked by CRL #${i} of '${crl.issuer}'`;
        return fail(evidenceError("pck-chain-revoked", cert.field, cert.offset, detail));
      }
    }
    checked.add(crl.issuer);
  }
  const issuers = chain.filter((c) => c.issuer !== c.subject).map((c) => c.issuer);
  const unchecked = [...new Set(issuers)].filter((issuer) => !checked.has(issuer));
  return ok({ checked: [...checked], unchecked, warnings });
}

/** CRLs are rare and verified by @peculiar/x509, which takes a CryptoKey. */
function importKey(point: Uint8Array): Promise<CryptoKey> {
  const P256 = { name: "ECDSA", namedCurve: "P-256" };
  return globalThis.crypto.subtle.importKey("raw", own(point), P256, true, ["verify"]);
}

async function parseCrl(input: CrlInput): Promise<X509Crl | null> {
  try {
    const crl = new X509Crl(
      typeof input === "string"
        ? input
        : isPem(input)
          ? new TextDecoder().decode(input)
          : new Uint8Array(input),
    );
    // The getters parse lazily: read them here so a malformed CRL is refused now, not later.
    void [crl.issuer, crl.thisUpdate, crl.nextUpdate];
    return await Promise.resolve(crl);
  } catch {
    return null;
  }
}

function isPem(bytes: Uint8Array): boolean {
  return new TextDecoder("latin1").decode(bytes.subarray(0, 64)).includes("-----BEGIN");
}
