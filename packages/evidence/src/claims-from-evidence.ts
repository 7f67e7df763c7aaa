import type { Claim, Result } from "@maa-policy/parser/model";
import { sgxClaims } from "./claims.js";
import { checkInitTimeData, checkRuntimeData, type CheckedData, type EnclaveData } from "./enclave-data.js";
import type { CrlInput } from "./crl.js";
import { webEvidenceCrypto, type EvidenceCrypto } from "./evidence-crypto.js";
import type { QeIdentityInput } from "./qe-identity.js";
import type { EvidenceError } from "./errors.js";
import { decodeEvidence, parseEvidence, type EvidenceKind } from "./evidence.js";
import { INTEL_SGX_ROOT_CA_PUBLIC_KEY } from "./intel-root.js";
import { verifyQuote, type Verification } from "./verify-quote.js";

export interface EvidenceRequest {
  /** Raw bytes, or base64/base64url text (string, or the bytes of a text file). */
  readonly evidence: Uint8Array | string;
  /** Detected from the bytes when absent: an OpenEnclave report starts with header version 1. */
  readonly kind?: EvidenceKind;
  readonly runtimeData?: EnclaveData;
  readonly initTimeData?: EnclaveData;
  /** The trust anchor; Intel's SGX Root CA key unless a test or a private PKI passes another. */
  readonly rootPublicKey?: Uint8Array;
  /** When the certificates must be valid; now by default. */
  readonly now?: Date;
  /** Intel collateral the user holds: CRLs and the QE identity (TCB info is not read yet). */
  readonly collateral?: { readonly crls?: readonly CrlInput[]; readonly qeIdentity?: QeIdentityInput };
  /** The signature checks; WebCrypto unless an adapter passes a faster one (node:crypto in the CLI). */
  readonly crypto?: EvidenceCrypto;
}

export type EvidenceResult = Result<
  {
    readonly kind: EvidenceKind;
    readonly claims: Claim[];
    readonly verification: Verification;
    readonly warnings: readonly string[];
  },
  { readonly error: EvidenceError; readonly warnings: readonly string[] }
>;

/**
 * Turns evidence into the incoming claims the service would give a policy, after verifying what can
 * be verified offline. Never throws: every failure is an EvidenceError naming the field and offset.
 */
export async function claimsFromEvidence(request: EvidenceRequest): Promise<EvidenceResult> {
  const decoded = decodeEvidence(request.evidence);
  if (!decoded.ok) return { ok: false, error: decoded.error, warnings: [] };
  const { bytes, warnings } = decoded.value;
  const parsed = parseEvidence(bytes, request.kind);
  if (!parsed.ok) return { ok: false, error: parsed.error, warnings };
  const { quote, kind } = parsed.value;
  const verification = await verifyQuote(quote, bytes, {
    rootPublicKey: request.rootPublicKey ?? INTEL_SGX_ROOT_CA_PUBLIC_KEY,
    now: request.now ?? new Date(),
    crls: request.collateral?.crls,
    qeIdentity: request.collateral?.qeIdentity,
    crypto: request.crypto ?? webEvidenceCrypto,
  });
  if (!verification.ok) return { ok: false, error: verification.error, warnings };
  let runtime: CheckedData | undefined;
  if (request.runtimeData) {
    const checked = checkRuntimeData(quote.body, request.runtimeData);
    if (!checked.ok) return { ok: false, error: checked.error, warnings };
    runtime = checked.value;
  }
  let initTime: CheckedData | undefined;
  if (request.initTimeData) {
    const checked = checkInitTimeData(quote.body, request.initTimeData);
    if (!checked.ok) return { ok: false, error: checked.error, warnings };
    initTime = checked.value;
  }
  const claims = sgxClaims(quote.body, runtime, initTime);
  const all = [...warnings, ...verification.value.revocation.warnings];
  return { ok: true, kind, claims, verification: verification.value, warnings: all };
}
