import { describe, expect, it } from "vitest";
import { claimsFromEvidence, type QeIdentityInput } from "@maa-policy/evidence";
import { identity, pemChain, pki } from "./support/pki.js";
import { buildQuote } from "./support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const testPki = await pki();
const quote = await buildQuote({ pki: testPki }); // QE report: MRSIGNER 8c…, ISVPRODID 1, ISVSVN 5, FLAGS 0x15
const signing = await identity({ name: "CN=Test SGX TCB Signing", issuer: testPki.root });
const issuerChain = pemChain(signing.certificate, testPki.root.certificate);

const QE = {
  id: "QE",
  version: 2,
  issueDate: "2025-05-01T00:00:00Z",
  nextUpdate: "2025-07-01T00:00:00Z",
  tcbEvaluationDataNumber: 17,
  miscselect: "00000000",
  miscselectMask: "FFFFFFFF",
  attributes: "11000000000000000000000000000000",
  attributesMask: "FBFFFFFFFFFFFFFF0000000000000000",
  mrsigner: "8C".repeat(32),
  isvprodid: 1,
  tcbLevels: [
    { tcb: { isvsvn: 6 }, tcbDate: "2025-01-01T00:00:00Z", tcbStatus: "UpToDate" },
    { tcb: { isvsvn: 5 }, tcbDate: "2024-01-01T00:00:00Z", tcbStatus: "OutOfDate" },
    { tcb: { isvsvn: 0 }, tcbDate: "2020-01-01T00:00:00Z", tcbStatus: "Revoked" },
  ],
};

/** Intel's body: the signature is over the exact text of the `enclaveIdentity` value. */
async function body(fields: object, tamper?: (text: string) => string): Promise<string> {
  const text = JSON.stringify(fields);
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    signing.keys.privateKey,
    new TextEncoder().encode(text),
  );
  const hex = Array.from(new Uint8Array(signature), (b) => b.toString(16).padStart(2, "0")).join("");
  return `{"enclaveIdentity":${tamper ? tamper(text) : text},"signature":"${hex}"}`;
}

const check = (qeIdentity: QeIdentityInput, rootPublicKey = testPki.rootPublicKey) =>
  claimsFromEvidence({ evidence: quote.bytes, rootPublicKey, now: NOW, collateral: { qeIdentity } });

async function errorOf(fields: object, tamper?: (text: string) => string) {
  const result = await check({ identity: await body(fields, tamper), issuerChain });
  if (result.ok) throw new Error("expected a failure");
  return {
    id: result.error.id,
    field: result.error.field,
    offset: result.error.offset,
    message: result.error.message,
  };
}

describe("the quoting enclave against Intel's QE identity", () => {
  it("a matching identity gives the TCB status of the QE's ISVSVN and is no longer listed as unverified", async () => {
    const result = await check({
      identity: await body(QE),
      issuerChain: new TextEncoder().encode(issuerChain),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.verification.qeIdentity).toEqual({ tcbStatus: "OutOfDate", isvsvn: 5 });
    expect(result.verification.notVerified).toEqual([
      "TCB status of the platform (needs Intel's TCB info for the PCK certificate's FMSPC)",
      "revocation of the PCK chain (needs Intel's PCK and root CA CRLs)",
    ]);
  });

  it("an identity changed after signing", async () => {
    expect((await errorOf(QE, (text) => text.replace('"isvprodid":1', '"isvprodid":2'))).message).toBe(
      "The QE identity's signature does not verify with its issuer's key (field 'collateral.qeIdentity')",
    );
  });

  it("another MRSIGNER", async () => {
    expect(await errorOf({ ...QE, mrsigner: "AB".repeat(32) })).toEqual({
      id: "qe-identity-mismatch",
      field: "quote.signature_data.qe_report.mr_signer",
      offset: quote.at.qeReport + 128,
      message: `The QE's MRSIGNER ${"8c".repeat(32)} is not the QE identity's ${"ab".repeat(32)} (field 'quote.signature_data.qe_report.mr_signer' at offset ${quote.at.qeReport + 128})`,
    });
  });

  it("attributes outside the mask's allowance", async () => {
    const error = await errorOf({ ...QE, attributes: "13000000000000000000000000000000" });
    expect([error.id, error.field, error.offset]).toEqual([
      "qe-identity-mismatch",
      "quote.signature_data.qe_report.attributes",
      quote.at.qeReport + 48,
    ]);
  });

  it("a QE at a revoked TCB level", async () => {
    const levels = [
      { tcb: { isvsvn: 9 }, tcbStatus: "UpToDate" },
      { tcb: { isvsvn: 0 }, tcbStatus: "Revoked" },
    ];
    expect((await errorOf({ ...QE, tcbLevels: levels })).message).toBe(
      `The quoting enclave's ISVSVN 5 is at a revoked TCB level of the QE identity (field 'quote.signature_data.qe_report.isv_svn' at offset ${quote.at.qeReport + 258})`,
    );
  });

  it("an identity past its next update", async () => {
    expect((await errorOf({ ...QE, nextUpdate: "2025-05-15T00:00:00Z" })).id).toBe("qe-identity-validity");
  });

  it("an issuer chain that does not end in the pinned root", async () => {
    const other = await pki("Other");
    const result = await check({ identity: await body(QE), issuerChain }, other.rootPublicKey);
    expect(!result.ok && result.error.id).toBe("pck-chain-root"); // the quote's own chain fails first
    const foreign = pemChain(signing.certificate, other.root.certificate);
    const error = await check({ identity: await body(QE), issuerChain: foreign });
    expect(!error.ok && error.error.message.split(" (field")[0]).toBe(
      "QE identity issuer chain certificate #0 (CN=Test SGX TCB Signing) is issued by 'CN=Test SGX Root CA', not by the next certificate 'CN=Other Root CA'",
    );
  });

  it("a body that is not Intel's format", async () => {
    const result = await check({ identity: '{"enclaveIdentity":{}}', issuerChain });
    expect(!result.ok && result.error.message).toBe(
      'The QE identity is not Intel\'s {"enclaveIdentity":{…},"signature":"<128 hex digits>"} (field \'collateral.qeIdentity\')',
    );
  });
});
