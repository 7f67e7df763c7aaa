import { equalBytes, isAllZero, toHex } from "./bytes.js";
import type { EvidenceCrypto } from "./evidence-crypto.js";
import { checkRevocation, type CrlInput, type RevocationStatus } from "./crl.js";
import { evidenceError, fail, ok, type Result } from "./errors.js";
import { checkQeIdentity, type QeIdentityInput, type QeIdentityStatus } from "./qe-identity.js";
import { verifyPckChain, type CertificateSummary } from "./pck-chain.js";
import { BODY_FIELDS } from "./report-body.js";
import type { SgxQuote } from "./sgx-quote.js";

/** What was checked offline, and what needs Intel's collateral and was therefore not checked. */
export interface Verification {
  /** The PCK chain, up to the pinned root key, with every certificate valid at `now`. */
  readonly pckChain: "verified";
  /** The quoting enclave's report, signed by the PCK certificate's key. */
  readonly qeReportSignature: "verified";
  /** SHA-256(attestation key || QE authentication data) in the QE report data. */
  readonly attestationKeyBinding: "verified";
  /** The quote header and enclave report body, signed by the attestation key. */
  readonly enclaveReportSignature: "verified";
  readonly pckCertificates: readonly CertificateSummary[];
  readonly checkedAt: string;
  /** Lower-case hex SHA-256 of the evidence bytes: the `quotehash` of `x-ms-sgx-collateral`. */
  readonly quoteHash: string;
  /** The QE identity check, when Intel's QE identity was given. */
  readonly qeIdentity?: QeIdentityStatus;
  /** CRL issuers checked, chain issuers for which no CRL was given, and CRLs ignored (warnings). */
  readonly revocation: RevocationStatus;
  /** Checks that need Intel's collateral (TCB info, QE identity, CRLs) and were not done. */
  readonly notVerified: readonly string[];
}

export const NOT_VERIFIED_OFFLINE: readonly string[] = [
  "TCB status of the platform (needs Intel's TCB info for the PCK certificate's FMSPC)",
  "quoting enclave identity (needs Intel's QE identity)",
  "revocation of the PCK chain (needs Intel's PCK and root CA CRLs)",
];

export interface VerifyOptions {
  readonly rootPublicKey: Uint8Array;
  readonly now: Date;
  /** CRLs the user holds; without them revocation is reported as not verified. */
  readonly crls?: readonly CrlInput[];
  /** Intel's QE identity and its issuer chain; without it the QE identity is reported as not verified. */
  readonly qeIdentity?: QeIdentityInput;
  readonly crypto: EvidenceCrypto;
}

/**
 * Verifies in trust order, so the error names the first broken link: the chain to the pinned root,
 * the QE report by the PCK key, the attestation key by the QE report, the enclave report by the key.
 */
export async function verifyQuote(
  quote: SgxQuote,
  evidence: Uint8Array,
  options: VerifyOptions,
): Promise<Result<Verification>> {
  const chain = await verifyPckChain(quote.pckChain, options);
  if (!chain.ok) return chain;
  const revocation = await checkRevocation(options.crls ?? [], chain.value.chain, options.now);
  if (!revocation.ok) return revocation;
  const { crypto } = options;
  const qe = quote.qeReportSignature;
  if (!(await crypto.verify(chain.value.pckKey, "SHA-256", qe.bytes, quote.qeReport.raw))) {
    const detail = "The quoting enclave's report signature does not verify with the PCK certificate's key";
    return fail(evidenceError("qe-report-signature", qe.field, qe.offset, detail));
  }
  const expected = crypto.sha256(quote.attestationKey.bytes, quote.qeAuthData.bytes);
  const bound = quote.qeReport.reportData;
  if (!equalBytes(bound.subarray(0, 32), expected) || !isAllZero(bound.subarray(32))) {
    const detail =
      "The attestation key is not bound to the quoting enclave: SHA-256(attestation key || QE authentication data) is " +
      `${toHex(expected)} but the QE report data holds ${toHex(bound)}`;
    const offset = quote.qeReport.offset + BODY_FIELDS.report_data;
    return fail(
      evidenceError("attestation-key-binding", `${quote.qeReport.field}.report_data`, offset, detail),
    );
  }
  let qeIdentity: QeIdentityStatus | undefined;
  if (options.qeIdentity) {
    const checked = await checkQeIdentity(options.qeIdentity, quote.qeReport, options);
    if (!checked.ok) return checked;
    qeIdentity = checked.value;
  }
  const key = quote.attestationKey.bytes;
  if (!(await crypto.isP256Point(key))) {
    const detail = "The attestation key is not a point on the P-256 curve";
    return fail(
      evidenceError(
        "attestation-key-invalid",
        quote.attestationKey.field,
        quote.attestationKey.offset,
        detail,
      ),
    );
  }
  const signature = quote.enclaveSignature;
  if (!(await crypto.verify(key, "SHA-256", signature.bytes, quote.signed.bytes))) {
    const detail =
      "The enclave report signature does not verify with the attestation key over the quote header and report body";
    return fail(evidenceError("enclave-report-signature", signature.field, signature.offset, detail));
  }
  return ok({
    pckChain: "verified",
    qeReportSignature: "verified",
    attestationKeyBinding: "verified",
    enclaveReportSignature: "verified",
    pckCertificates: chain.value.certificates,
    checkedAt: options.now.toISOString(),
    quoteHash: toHex(crypto.sha256(evidence)),
    ...(qeIdentity ? { qeIdentity } : {}),
    revocation: revocation.value,
    notVerified: notVerified(revocation.value, qeIdentity !== undefined),
  });
}

function notVerified({ checked, unchecked }: RevocationStatus, qeIdentity: boolean): readonly string[] {
  const [tcb, qe, revocation] = NOT_VERIFIED_OFFLINE;
  const missing = [tcb, ...(qeIdentity ? [] : [qe])];
  if (checked.length === 0) return [...missing, revocation];
  if (unchecked.length === 0) return missing;
  const issuers = unchecked.map((issuer) => `'${issuer}'`).join(", ");
  return [...missing, `revocation of the certificates issued by ${issuers} (no CRL given)`];
}
