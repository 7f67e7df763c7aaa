import { BasicConstraintsExtension, X509Certificate } from "@peculiar/x509";
import { decodeBase64 } from "./base64.js";
import { equalBytes, toHex } from "./bytes.js";
import { rawPoint } from "./ecdsa.js";
import { evidenceError, fail, ok, type EvidenceErrorId, type Result } from "./errors.js";
import type { Located } from "./sgx-quote.js";

export interface ChainOptions {
  /** The pinned root key, an uncompressed P-256 point (65 bytes). */
  readonly rootPublicKey: Uint8Array;
  /** The time at which every certificate must be valid. */
  readonly now: Date;
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface VerifiedChain {
  /** The PCK certificate's key, which signs the quoting enclave's report. */
  readonly pckKey: CryptoKey;
  readonly certificates: readonly CertificateSummary[];
}

interface Parsed {
  readonly cert: X509Certificate;
  readonly key: CryptoKey;
  readonly offset: number;
  readonly field: string;
}

const PEM = /-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g;
const MAX_CERTIFICATES = 8;
const crypto = globalThis.crypto;

/**
 * Verifies the PEM chain leaf first: each certificate signed by the next, issuers CAs, all valid at
 * `now`, and the chain anchored in the pinned root key. Revocation needs Intel's CRLs (collateral).
 */
export async function verifyPckChain(chain: Located, options: ChainOptions): Promise<Result<VerifiedChain>> {
  const parsed = await parseChain(chain);
  if (!parsed.ok) return parsed;
  const certs = parsed.value;
  for (const [i, c] of certs.entries()) {
    const at = (id: EvidenceErrorId, detail: string) =>
      fail<VerifiedChain>(evidenceError(id, c.field, c.offset, detail));
    const name = `PCK chain certificate #${i} (${c.cert.subject})`;
    if (options.now < c.cert.notBefore || options.now > c.cert.notAfter) {
      const range = `${c.cert.notBefore.toISOString()} to ${c.cert.notAfter.toISOString()}`;
      return at(
        "pck-chain-validity",
        `${name} is not valid at ${options.now.toISOString()} (valid ${range})`,
      );
    }
    if (i > 0 && c.cert.getExtension(BasicConstraintsExtension)?.ca !== true) {
      return at(
        "pck-chain-ca",
        `${name} issues certificate #${i - 1} but is not a CA (basicConstraints cA is not true)`,
      );
    }
    const issuer = certs[i + 1] ?? (c.cert.issuer === c.cert.subject ? c : null);
    if (issuer === null) continue; // a chain without its root: checked against the pinned key below
    if (c.cert.issuer !== issuer.cert.subject) {
      return at(
        "pck-chain-link",
        `${name} is issued by '${c.cert.issuer}', not by the next certificate '${issuer.cert.subject}'`,
      );
    }
    if (!(await c.cert.verify({ publicKey: issuer.key, signatureOnly: true }, crypto))) {
      return at(
        "pck-chain-link",
        `The signature of ${name} does not verify with the key of '${issuer.cert.subject}'`,
      );
    }
  }
  const anchored = await anchoredInRoot(certs[certs.length - 1], options.rootPublicKey);
  if (!anchored.ok) return anchored;
  return ok({ pckKey: certs[0].key, certificates: certs.map(({ cert }) => summary(cert)) });
}

/** The last certificate is the pinned root itself, or is signed by it (a chain sent without its root). */
async function anchoredInRoot(last: Parsed, root: Uint8Array): Promise<Result<true>> {
  const key = await rawPoint(last.key);
  if (equalBytes(key, root)) return ok(true);
  if (last.cert.issuer !== last.cert.subject) {
    const rootCert = await crypto.subtle
      .importKey("raw", new Uint8Array(root), P256, true, ["verify"])
      .catch(() => null);
    if (rootCert && (await last.cert.verify({ publicKey: rootCert, signatureOnly: true }, crypto)))
      return ok(true);
  }
  const detail =
    `The PCK certificate chain does not end in the Intel SGX Root CA: it ends in '${last.cert.subject}'` +
    ` whose key ${toHex(key).slice(0, 18)}… is not the pinned root key ${toHex(root).slice(0, 18)}…`;
  return fail(evidenceError("pck-chain-root", last.field, last.offset, detail));
}

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

async function parseChain(chain: Located): Promise<Result<Parsed[]>> {
  // latin1 keeps one character per byte, so text offsets are byte offsets.
  const text = new TextDecoder("latin1").decode(chain.bytes);
  const certs: Parsed[] = [];
  let end = 0;
  for (const match of text.matchAll(PEM)) {
    const offset = chain.offset + match.index;
    const field = `${chain.field}[${certs.length}]`;
    const bad = (detail: string) => fail<Parsed[]>(evidenceError("pck-chain-parse", field, offset, detail));
    if (!isBlank(text.slice(end, match.index)))
      return bad(`Unexpected text before PCK chain certificate #${certs.length}`);
    if (certs.length === MAX_CERTIFICATES)
      return bad(`The PCK chain has more than ${MAX_CERTIFICATES} certificates`);
    end = match.index + match[0].length;
    const der = decodeBase64(match[1], field, true);
    if (!der.ok) return bad(`PCK chain certificate #${certs.length} is not valid base64`);
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(new Uint8Array(der.value.bytes));
    } catch {
      return bad(`PCK chain certificate #${certs.length} is not a valid X.509 certificate`);
    }
    const key = await cert.publicKey.export(crypto).catch(() => null);
    const curve = (key?.algorithm as EcKeyAlgorithm | undefined)?.namedCurve;
    if (key === null || key.algorithm.name !== "ECDSA" || curve !== "P-256") {
      const detail = `PCK chain certificate #${certs.length} (${cert.subject}) does not hold an ECDSA P-256 key`;
      return fail(evidenceError("pck-chain-key", field, offset, detail));
    }
    certs.push({ cert, key, offset, field });
  }
  if (certs.length === 0) {
    return fail(
      evidenceError(
        "pck-chain-parse",
        chain.field,
        chain.offset,
        "The PCK certificate chain holds no PEM certificate",
      ),
    );
  }
  if (!isBlank(text.slice(end))) {
    return fail(
      evidenceError(
        "pck-chain-parse",
        chain.field,
        chain.offset + end,
        "Unexpected text after the PCK certificate chain",
      ),
    );
  }
  return ok(certs);
}

/** Whitespace, and the NUL terminator Intel's quote library leaves after the PEM text. */
function isBlank(text: string): boolean {
  return /^[\s\0]*$/.test(text);
}

function summary(cert: X509Certificate): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
}
