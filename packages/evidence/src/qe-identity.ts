import { equalBytes, fromHex, toHex } from "./bytes.js";
import { evidenceError, fail, ok, type EvidenceErrorId, type Result } from "./errors.js";
import { verifyPckChain, type ChainOptions } from "./pck-chain.js";
import type { ReportBody } from "./report-body.js";

/** Intel PCS's QE identity (`GET /sgx/certification/v4/qe/identity`) and its issuer chain header. */
export interface QeIdentityInput {
  /** The response body: `{"enclaveIdentity":{…},"signature":"<hex r||s>"}`. */
  readonly identity: Uint8Array | string;
  /** `SGX-Enclave-Identity-Issuer-Chain`: the TCB signing certificate and the root, PEM. */
  readonly issuerChain: Uint8Array | string;
}

export interface QeIdentityStatus {
  /** The `tcbStatus` of the highest TCB level the QE's ISVSVN reaches (`UpToDate`, `OutOfDate`, …). */
  readonly tcbStatus: string;
  readonly isvsvn: number;
}

interface Identity {
  issueDate: string;
  nextUpdate: string;
  miscselect: string;
  miscselectMask: string;
  attributes: string;
  attributesMask: string;
  mrsigner: string;
  isvprodid: number;
  tcbLevels: { tcb: { isvsvn: number }; tcbStatus: string }[];
}

const FIELD = "collateral.qeIdentity";
const text = (input: Uint8Array | string) =>
  typeof input === "string" ? input : new TextDecoder().decode(input);
const bad = (id: EvidenceErrorId, detail: string, field = FIELD, offset: number | null = null) =>
  fail<QeIdentityStatus>(evidenceError(id, field, offset, detail));

/**
 * Checks the quoting enclave against Intel's QE identity: the identity signed by a certificate that
 * chains to the pinned root, current at `now`, matching the QE report (MRSIGNER, ISVPRODID, masked
 * MISCSELECT and ATTRIBUTES), and the QE's ISVSVN at a TCB level that is not `Revoked`.
 */
export async function checkQeIdentity(
  input: QeIdentityInput,
  qe: ReportBody & { readonly field: string },
  options: Omit<ChainOptions, "label">,
): Promise<Result<QeIdentityStatus>> {
  const body = text(input.identity);
  const signed = rawMember(body, "enclaveIdentity");
  let identity: Identity;
  let signature: string;
  try {
    const parsed = JSON.parse(body) as { enclaveIdentity: Identity; signature: string };
    ({ enclaveIdentity: identity, signature } = parsed);
    if (signed === null || !/^[0-9a-fA-F]{128}$/.test(signature) || !Array.isArray(identity.tcbLevels))
      throw new Error();
  } catch {
    return bad(
      "qe-identity-parse",
      'The QE identity is not Intel\'s {"enclaveIdentity":{…},"signature":"<128 hex digits>"}',
    );
  }
  const chainBytes =
    typeof input.issuerChain === "string" ? new TextEncoder().encode(input.issuerChain) : input.issuerChain;
  const chainField = `${FIELD}.issuerChain`;
  const chain = await verifyPckChain(
    { bytes: chainBytes, field: chainField, offset: 0 },
    { ...options, label: "QE identity issuer" },
  );
  if (!chain.ok) return chain;
  const data = new TextEncoder().encode(signed);
  const sig = Uint8Array.from(signature.match(/../g)!, (pair) => parseInt(pair, 16));
  if (!(await options.crypto.verify(chain.value.pckKey, "SHA-256", sig, data))) {
    return bad("qe-identity-signature", "The QE identity's signature does not verify with its issuer's key");
  }
  const [from, until] = [Date.parse(identity.issueDate), Date.parse(identity.nextUpdate)];
  if (!(options.now.getTime() >= from && options.now.getTime() <= until)) {
    return bad(
      "qe-identity-validity",
      `The QE identity is not current at ${options.now.toISOString()} (${identity.issueDate} to ${identity.nextUpdate})`,
    );
  }
  const mismatch = matchReport(identity, qe);
  if (mismatch)
    return bad(
      "qe-identity-mismatch",
      mismatch.detail,
      `${qe.field}.${mismatch.field}`,
      qe.offset + mismatch.at,
    );
  const level = [...identity.tcbLevels]
    .sort((a, b) => b.tcb.isvsvn - a.tcb.isvsvn)
    .find((l) => l.tcb.isvsvn <= qe.isvSvn);
  const tcbStatus = level?.tcbStatus ?? "Revoked";
  if (tcbStatus === "Revoked") {
    return bad(
      "qe-identity-revoked",
      `The quoting enclave's ISVSVN ${qe.isvSvn} is at a revoked TCB level of the QE identity`,
      `${qe.field}.isv_svn`,
      qe.offset + 258,
    );
  }
  return ok({ tcbStatus, isvsvn: qe.isvSvn });
}

/** The first field of the QE report that the identity does not allow. */
function matchReport(
  identity: Identity,
  qe: ReportBody,
): { field: string; at: number; detail: string } | null {
  if (!equalBytes(hex(identity.mrsigner), qe.mrSigner)) {
    return {
      field: "mr_signer",
      at: 128,
      detail: `The QE's MRSIGNER ${toHex(qe.mrSigner)} is not the QE identity's ${identity.mrsigner.toLowerCase()}`,
    };
  }
  if (identity.isvprodid !== qe.isvProdId) {
    return {
      field: "isv_prod_id",
      at: 256,
      detail: `The QE's ISVPRODID ${qe.isvProdId} is not the QE identity's ${identity.isvprodid}`,
    };
  }
  // Masks and values compare byte for byte with the report's bytes (docs/decisions.md).
  const masked = (value: Uint8Array, mask: Uint8Array) => value.map((byte, i) => byte & (mask[i] ?? 0));
  const fields = [
    ["misc_select", 16, identity.miscselect, identity.miscselectMask, 4],
    ["attributes", 48, identity.attributes, identity.attributesMask, 16],
  ] as const;
  for (const [field, at, value, mask, length] of fields) {
    const actual = masked(qe.raw.subarray(at, at + length), hex(mask));
    if (!equalBytes(actual, masked(hex(value), hex(mask)))) {
      return {
        field,
        at,
        detail: `The QE's ${field.toUpperCase()} ${toHex(qe.raw.subarray(at, at + length))} does not match the QE identity's ${value.toLowerCase()} under mask ${mask.toLowerCase()}`,
      };
    }
  }
  return null;
}

/** Malformed hex in the identity compares as no bytes, so it fails the check it belongs to. */
function hex(text: string): Uint8Array {
  return fromHex(text) ?? new Uint8Array(0);
}

/** The exact text of a top-level member's object value: Intel signs those bytes, not a re-encoding. */
function rawMember(body: string, name: string): string | null {
  const key = body.indexOf(`"${name}"`);
  if (key < 0) return null;
  const start = body.indexOf("{", key);
  if (start < 0 || body.slice(key + name.length + 2, start).trim() !== ":") return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < body.length; i++) {
    const char = body[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return body.slice(start, i + 1);
  }
  return null;
}
