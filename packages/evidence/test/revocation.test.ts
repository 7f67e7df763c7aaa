import "reflect-metadata";
import { X509CrlGenerator } from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { claimsFromEvidence, type CrlInput } from "@maa-policy/evidence";
import { EC, type Identity, pki } from "./support/pki.js";
import { buildQuote } from "./support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const testPki = await pki();
const quote = await buildQuote({ pki: testPki });
const CA = "CN=Test SGX PCK Processor CA";
const ROOT = "CN=Test SGX Root CA";

interface CrlSpec {
  readonly issuer: Identity;
  readonly signer?: Identity;
  readonly revoked?: readonly Identity[];
  readonly nextUpdate?: Date;
}

async function crl({ issuer, signer = issuer, revoked = [], nextUpdate }: CrlSpec): Promise<Uint8Array> {
  const list = await X509CrlGenerator.create({
    issuer: issuer.certificate.subject,
    thisUpdate: new Date("2025-01-01T00:00:00Z"),
    nextUpdate: nextUpdate ?? new Date("2026-01-01T00:00:00Z"),
    entries: revoked.map((r) => ({
      serialNumber: r.certificate.serialNumber,
      revocationDate: new Date("2025-02-01T00:00:00Z"),
    })),
    signingAlgorithm: EC,
    signingKey: signer.keys.privateKey,
  });
  return new Uint8Array(list.rawData);
}

const check = (crls: CrlInput[]) =>
  claimsFromEvidence({
    evidence: quote.bytes,
    rootPublicKey: testPki.rootPublicKey,
    now: NOW,
    collateral: { crls },
  });

describe("revocation with the CRLs the user holds", () => {
  it("both CRLs current and silent: revocation is verified", async () => {
    const result = await check([await crl({ issuer: testPki.ca }), await crl({ issuer: testPki.root })]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.verification.revocation).toEqual({ checked: [CA, ROOT], unchecked: [], warnings: [] });
    expect(result.verification.notVerified).toEqual([
      "TCB status of the platform (needs Intel's TCB info for the PCK certificate's FMSPC)",
      "quoting enclave identity (needs Intel's QE identity)",
    ]);
  });

  it("a CRL as PEM text is read too", async () => {
    const der = await crl({ issuer: testPki.ca });
    const pem = `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString("base64")}\n-----END X509 CRL-----\n`;
    for (const input of [pem, new TextEncoder().encode(pem)]) {
      const result = await check([input]);
      expect(result.ok && result.verification.revocation.checked).toEqual([CA]);
    }
  });

  it("only the PCK CA's CRL: the root's certificates stay unchecked, and say so", async () => {
    const result = await check([await crl({ issuer: testPki.ca })]);
    expect(result.ok && result.verification.notVerified[2]).toBe(
      `revocation of the certificates issued by '${ROOT}' (no CRL given)`,
    );
  });

  it("a revoked PCK certificate", async () => {
    const result = await check([await crl({ issuer: testPki.ca, revoked: [testPki.pck] })]);
    expect(!result.ok && result.error).toMatchObject({
      id: "pck-chain-revoked",
      code: "InvalidQuote",
      field: "quote.signature_data.qe_cert_data.data[0]",
      offset: quote.at.chain,
      message: `PCK chain certificate #0 (CN=Test SGX PCK Certificate) is revoked by CRL #0 of '${CA}' (field 'quote.signature_data.qe_cert_data.data[0]' at offset ${quote.at.chain})`,
    });
  });

  it("a revoked intermediate CA", async () => {
    const result = await check([await crl({ issuer: testPki.root, revoked: [testPki.ca] })]);
    expect(!result.ok && [result.error.id, result.error.field]).toEqual([
      "pck-chain-revoked",
      "quote.signature_data.qe_cert_data.data[1]",
    ]);
  });

  it.each([
    [
      "a CRL signed by another key",
      { signer: "root" },
      "crl-signature",
      `CRL #0 is not signed by '${CA}' (field 'collateral.crls[0]')`,
    ],
    [
      "an expired CRL",
      { nextUpdate: new Date("2025-03-01T00:00:00Z") },
      "crl-validity",
      `CRL #0 of '${CA}' is not current at 2025-06-01T00:00:00.000Z (2025-01-01T00:00:00.000Z to 2025-03-01T00:00:00.000Z) (field 'collateral.crls[0]')`,
    ],
  ] as const)("%s", async (_name, spec, id, message) => {
    const signer = "signer" in spec ? testPki.root : undefined;
    const nextUpdate = "nextUpdate" in spec ? spec.nextUpdate : undefined;
    const result = await check([await crl({ issuer: testPki.ca, signer, nextUpdate })]);
    expect(!result.ok && { id: result.error.id, message: result.error.message }).toEqual({ id, message });
  });

  it("bytes that are not a CRL", async () => {
    const result = await check([Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)]);
    expect(!result.ok && result.error.message).toBe(
      "CRL #0 is not a PEM or DER X.509 CRL (field 'collateral.crls[0]')",
    );
  });

  it("a CRL of an unrelated CA is ignored with a warning", async () => {
    const other = await pki("Other");
    const result = await check([await crl({ issuer: other.ca })]);
    expect(result.ok && result.warnings).toEqual([
      "collateral.crls[0]: the CRL of 'CN=Other PCK Processor CA' covers no certificate of this chain: ignored",
    ]);
    expect(result.ok && result.verification.revocation.checked).toEqual([]);
  });
});
