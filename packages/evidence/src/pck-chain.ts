import { decodeBase64 } from "./base64.js";
import { equalBytes, toHex } from "./bytes.js";
import type { EvidenceCrypto } from "./evidence-crypto.js";
import { verifyCertificateSignature } from "./cert-signature.js";
import { readCertificate, type CertificateFields } from "./certificate.js";
import { firstNonDer } from "./der.js";
import { evidenceError, fail, ok, type EvidenceErrorId, type Result } from "./errors.js";
import type { Located } from "./sgx-quote.js";

export interface ChainOptions {
  /** The pinned root key, an uncompressed P-256 point (65 bytes). */
  readonly rootPublicKey: Uint8Array;
  /** The time at which every certificate must be valid. */
  readonly now: Date;
  /** Names the chain in messages: `PCK` (default), or e.g. `QE identity issuer`. */
  readonly label?: string;
  readonly crypto: EvidenceCrypto;
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface VerifiedChain {
  /** The PCK certificate's key (an uncompressed P-256 point), which signs the quoting enclave's report. */
  readonly pckKey: Uint8Array;
  readonly certificates: readonly CertificateSummary[];
  /** The parsed certificates, leaf first, for the revocation check. */
  readonly chain: readonly ChainCertificate[];
}

/** What the checks read, extracted once. */
export interface ChainCertificate extends CertificateFields {
  /** The certificate's P-256 point. */
  readonly key: Uint8Array;
  readonly summary: CertificateSummary;
  readonly offset: number;
  readonly field: string;
}

const PEM = /-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g;
const MAX_CERTIFICATES = 8;
/** One character per byte, so text offsets are byte offsets. */
const LATIN1 = new TextDecoder("latin1");

/**
 * Verifies the PEM chain leaf first: each certificate signed by the next, issuers CAs, the chain
 * anchored in the pinned root key, and all certificates valid at `now`. Revocation needs Intel's
 * CRLs (collateral) and is not checked.
 */
export async function verifyPckChain(chain: Located, options: ChainOptions): Promise<Result<VerifiedChain>> {
  const label = options.label ?? "PCK";
  const trusted = await trustedChain(chain, options.rootPublicKey, label, options.crypto);
  if (!trusted.ok) return trusted;
  const certs = trusted.value;
  for (const [i, c] of certs.entries()) {
    if (options.now < c.notBefore || options.now > c.notAfter) {
      const range = `${c.notBefore.toISOString()} to ${c.notAfter.toISOString()}`;
      const detail = `${label} chain certificate #${i} (${c.subject}) is not valid at ${options.now.toISOString()} (valid ${range})`;
      return fail(evidenceError("pck-chain-validity", c.field, c.offset, detail));
    }
  }
  return ok({ pckKey: certs[0].key, certificates: certs.map((c) => c.summary), chain: certs });
}

/**
 * One platform's quotes all carry the same PCK chain, so chains that verified are remembered (by
 * content, root and position) and their signatures are not checked again; validity dates are.
 */
const TRUSTED = new Map<string, ChainCertificate[]>();
const TRUSTED_LIMIT = 16;

/** Forgets the verified chains, so that the next quote's chain is checked in full (benchmarks). */
export function forgetVerifiedChains(): void {
  TRUSTED.clear();
}

async function trustedChain(
  chain: Located,
  root: Uint8Array,
  label: string,
  crypto: EvidenceCrypto,
): Promise<Result<ChainCertificate[]>> {
  // The chain's own text is the key: hashing it would cost more than the look-up saves.
  const cacheKey = `${chain.offset}:${chain.field}:${LATIN1.decode(root)}:${LATIN1.decode(chain.bytes)}`;
  const cached = TRUSTED.get(cacheKey);
  if (cached) return ok(cached);
  const parsed = await parseChain(chain, label, crypto);
  if (!parsed.ok) return parsed;
  const signed = await checkSignatures(parsed.value, root, label, crypto);
  if (!signed.ok) return signed;
  if (TRUSTED.size >= TRUSTED_LIMIT) TRUSTED.delete(TRUSTED.keys().next().value!);
  TRUSTED.set(cacheKey, parsed.value);
  return parsed;
}

async function checkSignatures(
  certs: ChainCertificate[],
  root: Uint8Array,
  label: string,
  crypto: EvidenceCrypto,
): Promise<Result<true>> {
  for (const [i, c] of certs.entries()) {
    const at = (id: EvidenceErrorId, detail: string) =>
      fail<true>(evidenceError(id, c.field, c.offset, detail));
    const name = `${label} chain certificate #${i} (${c.subject})`;
    if (i > 0 && !c.ca) {
      return at(
        "pck-chain-ca",
        `${name} issues certificate #${i - 1} but is not a CA (basicConstraints cA is not true)`,
      );
    }
    const issuer = certs[i + 1];
    if (issuer === undefined) break; // the last certificate: anchored in the pinned key below
    if (c.issuer !== issuer.subject) {
      return at(
        "pck-chain-link",
        `${name} is issued by '${c.issuer}', not by the next certificate '${issuer.subject}'`,
      );
    }
    if (!(await verifyCertificateSignature(c.der, issuer.key, crypto))) {
      return at(
        "pck-chain-link",
        `The signature of ${name} does not verify with the key of '${issuer.subject}'`,
      );
    }
  }
  return anchoredInRoot(certs[certs.length - 1], root, label, crypto);
}

/**
 * The last certificate is the pinned root itself, whose self-signature must then hold too (so no byte
 * of it goes unchecked), or is signed by the pinned key (a chain sent without its root).
 */
async function anchoredInRoot(
  last: ChainCertificate,
  root: Uint8Array,
  label: string,
  crypto: EvidenceCrypto,
): Promise<Result<true>> {
  const key = last.key;
  if (equalBytes(key, root)) {
    if (last.issuer === last.subject && (await verifyCertificateSignature(last.der, key, crypto)))
      return ok(true);
    const detail = `The root certificate '${last.subject}' holds the pinned key but is not validly self-signed`;
    return fail(evidenceError("pck-chain-link", last.field, last.offset, detail));
  }
  if (await verifyCertificateSignature(last.der, root, crypto)) return ok(true);
  const detail =
    `The ${label} certificate chain does not end in the Intel SGX Root CA: it ends in '${last.subject}'` +
    ` whose key ${toHex(key).slice(0, 18)}… is not the pinned root key ${toHex(root).slice(0, 18)}…`;
  return fail(evidenceError("pck-chain-root", last.field, last.offset, detail));
}

async function parseChain(
  chain: Located,
  label: string,
  crypto: EvidenceCrypto,
): Promise<Result<ChainCertificate[]>> {
  const text = LATIN1.decode(chain.bytes);
  const certs: ChainCertificate[] = [];
  let end = 0;
  for (const match of text.matchAll(PEM)) {
    const offset = chain.offset + match.index;
    const field = `${chain.field}[${certs.length}]`;
    const bad = (detail: string) =>
      fail<ChainCertificate[]>(evidenceError("pck-chain-parse", field, offset, detail));
    if (!isBlank(text.slice(end, match.index)))
      return bad(`Unexpected text before ${label} chain certificate #${certs.length}`);
    if (certs.length === MAX_CERTIFICATES)
      return bad(`The ${label} chain has more than ${MAX_CERTIFICATES} certificates`);
    end = match.index + match[0].length;
    const der = decodeBase64(match[1], field, true);
    if (!der.ok) return bad(`${label} chain certificate #${certs.length} is not valid base64`);
    const nonDer = firstNonDer(der.value.bytes);
    if (nonDer >= 0)
      return bad(
        `${label} chain certificate #${certs.length} is not DER: invalid encoding at byte ${nonDer} of its DER`,
      );
    const fields = readCertificate(der.value.bytes);
    if (fields === null)
      return bad(`${label} chain certificate #${certs.length} is not a valid X.509 certificate`);
    const key = fields.p256Point;
    if (key === null || !(await crypto.isP256Point(key))) {
      const detail = `${label} chain certificate #${certs.length} (${fields.subject}) does not hold an ECDSA P-256 key`;
      return fail(evidenceError("pck-chain-key", field, offset, detail));
    }
    certs.push({ ...fields, key, offset, field, summary: summary(fields) });
  }
  if (certs.length === 0) {
    return fail(
      evidenceError(
        "pck-chain-parse",
        chain.field,
        chain.offset,
        `The ${label} certificate chain holds no PEM certificate`,
      ),
    );
  }
  if (!isBlank(text.slice(end), true)) {
    return fail(
      evidenceError(
        "pck-chain-parse",
        chain.field,
        chain.offset + end,
        `Unexpected text after the ${label} certificate chain`,
      ),
    );
  }
  return ok(certs);
}

/** Line breaks, and the NUL terminator Intel's quote library leaves after the PEM text. */
function isBlank(text: string, last = false): boolean {
  return (last ? /^[\r\n]*\0*$/ : /^[\r\n]*$/).test(text);
}

function summary(cert: CertificateFields): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
}
