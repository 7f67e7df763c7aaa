import { describe, expect, it } from "vitest";
import { claimsFromEvidence, type EvidenceErrorId } from "@maa-policy/evidence";
import { identity, pemChain, pki } from "./support/pki.js";
import { buildQuote, flipBit, type BuiltQuote } from "./support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const testPki = await pki();

async function idOf(
  evidence: Uint8Array,
  rootPublicKey = testPki.rootPublicKey,
  now = NOW,
): Promise<EvidenceErrorId | "ok"> {
  const result = await claimsFromEvidence({ evidence, rootPublicKey, now });
  return result.ok ? "ok" : result.error.id;
}

/** Flips every bit of [start, start+length) and tallies the error each flip gives. */
async function flipAll(quote: BuiltQuote, start: number, length: number): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (let bit = start * 8; bit < (start + length) * 8; bit++) {
    const id = await idOf(flipBit(quote.bytes, bit));
    tally[id] = (tally[id] ?? 0) + 1;
  }
  return tally;
}

/** Flips every `stride`-th bit of [start, start+length): for regions too large to flip whole. */
async function flipSome(
  quote: BuiltQuote,
  start: number,
  length: number,
  stride: number,
): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (let bit = start * 8; bit < (start + length) * 8; bit += stride) {
    const id = await idOf(flipBit(quote.bytes, bit));
    tally[id] = (tally[id] ?? 0) + 1;
  }
  return tally;
}

describe("every single-bit flip in a signed region fails with the error of that region", () => {
  for (const version of [3, 4] as const) {
    describe(`quote v${version}`, async () => {
      const quote = await buildQuote({ pki: testPki, version });
      it("the untouched quote verifies", async () => {
        expect(await idOf(quote.bytes)).toBe("ok");
      });
      it("header: version, key type and TEE type are refused before any signature check", async () => {
        expect(await flipAll(quote, 0, 2)).toEqual({ "quote-version": 16 });
        expect(await flipAll(quote, 2, 2)).toEqual({ "attestation-key-type": 16 });
        expect(await flipAll(quote, 4, 4)).toEqual(
          version === 4 ? { "tee-type": 32 } : { "enclave-report-signature": 32 },
        );
      });
      it("the rest of the header and the report body: the enclave report signature", async () => {
        expect(await flipAll(quote, 8, 424)).toEqual({ "enclave-report-signature": 424 * 8 });
      });
      it("the enclave report signature itself", async () => {
        expect(await flipAll(quote, quote.at.enclaveSig, 64)).toEqual({ "enclave-report-signature": 512 });
      });
      it("the attestation key: its binding to the QE report", async () => {
        expect(await flipAll(quote, quote.at.attKey, 64)).toEqual({ "attestation-key-binding": 512 });
      });
      it("the QE report and its signature: the QE report signature", async () => {
        expect(await flipAll(quote, quote.at.qeReport, 384 + 64)).toEqual({ "qe-report-signature": 448 * 8 });
      });
      it("the QE authentication data: the attestation key binding", async () => {
        expect(await flipAll(quote, quote.at.authData, quote.lengths.authData)).toEqual({
          "attestation-key-binding": quote.lengths.authData * 8,
        });
      });
    });
  }

  it("the PEM chain: every 29th bit flipped is refused by the chain checks", async () => {
    const quote = await buildQuote({ pki: testPki });
    const tally = await flipSome(quote, quote.at.chain, quote.lengths.chain - 1, 29);
    expect(tally["ok"]).toBeUndefined();
    expect(Object.keys(tally).every((id) => id.startsWith("pck-chain-"))).toBe(true);
    expect(tally["pck-chain-link"]).toBeGreaterThan(0);
    expect(tally["pck-chain-parse"]).toBeGreaterThan(0);
  }, 60_000);
});

describe("the PCK chain's trust", () => {
  it("a quote whose chain ends in another root", async () => {
    const quote = await buildQuote({ pki: testPki });
    const result = await claimsFromEvidence({ evidence: quote.bytes, now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.id).toBe("pck-chain-root");
    expect(result.error.field).toBe("quote.signature_data.qe_cert_data.data[2]");
    expect(result.error.message).toMatch(
      /^The PCK certificate chain does not end in the Intel SGX Root CA: it ends in 'CN=Test SGX Root CA' whose key 04[0-9a-f]{16}… is not the pinned root key 040ba9c4c0c0c86193… \(field 'quote\.signature_data\.qe_cert_data\.data\[2\]' at offset \d+\)$/,
    );
  });

  it("a chain sent without its root is anchored by the pinned key", async () => {
    const chainPem = pemChain(testPki.pck.certificate, testPki.ca.certificate);
    expect(await idOf((await buildQuote({ pki: testPki, chainPem })).bytes)).toBe("ok");
    const other = await pki("Other");
    expect(await idOf((await buildQuote({ pki: testPki, chainPem })).bytes, other.rootPublicKey)).toBe(
      "pck-chain-root",
    );
  });

  it("a certificate outside its validity period", async () => {
    const quote = await buildQuote({ pki: testPki });
    const result = await claimsFromEvidence({
      evidence: quote.bytes,
      rootPublicKey: testPki.rootPublicKey,
      now: new Date("2041-01-01T00:00:00Z"),
    });
    expect(!result.ok && result.error.message).toBe(
      "PCK chain certificate #0 (CN=Test SGX PCK Certificate) is not valid at 2041-01-01T00:00:00.000Z " +
        `(valid 2020-01-01T00:00:00.000Z to 2040-01-01T00:00:00.000Z) (field 'quote.signature_data.qe_cert_data.data[0]' at offset ${quote.at.chain})`,
    );
  });

  it("an issuer that is not a CA", async () => {
    const notCa = await identity({ name: "CN=Not a CA", issuer: testPki.root });
    const leaf = await identity({ name: "CN=Leaf", issuer: notCa });
    const quote = await buildQuote({
      pki: { ...testPki, pck: leaf },
      chainPem: pemChain(leaf.certificate, notCa.certificate, testPki.root.certificate),
    });
    expect(await idOf(quote.bytes)).toBe("pck-chain-ca");
  });

  it("certificates out of order", async () => {
    const chainPem = pemChain(testPki.pck.certificate, testPki.root.certificate, testPki.ca.certificate);
    expect(await idOf((await buildQuote({ pki: testPki, chainPem })).bytes)).toBe("pck-chain-link");
  });

  it("a PCK certificate that did not sign the QE report", async () => {
    const impostor = await identity({ name: "CN=Test SGX PCK Certificate", issuer: testPki.ca });
    const chainPem = pemChain(impostor.certificate, testPki.ca.certificate, testPki.root.certificate);
    expect(await idOf((await buildQuote({ pki: testPki, chainPem })).bytes)).toBe("qe-report-signature");
  });

  it("a PCK key that is not ECDSA P-256", async () => {
    const rsa = await identity({
      name: "CN=RSA PCK",
      issuer: testPki.ca,
      algorithm: {
        name: "RSASSA-PKCS1-v1_5",
        hash: "SHA-256",
        modulusLength: 2048,
        publicExponent: Uint8Array.of(1, 0, 1),
      },
    });
    const chainPem = pemChain(rsa.certificate, testPki.ca.certificate, testPki.root.certificate);
    expect(await idOf((await buildQuote({ pki: testPki, chainPem })).bytes)).toBe("pck-chain-key");
  });

  it.each([
    ["no certificate at all", "no PEM here", "The PCK certificate chain holds no PEM certificate"],
    [
      "text before the first certificate",
      "junk\n" + pemChain(testPki.pck.certificate),
      "Unexpected text before PCK chain certificate #0",
    ],
    [
      "text after the last certificate",
      pemChain(testPki.pck.certificate) + "junk",
      "Unexpected text after the PCK certificate chain",
    ],
    [
      "a body that is not base64",
      "-----BEGIN CERTIFICATE-----\nMII$\n-----END CERTIFICATE-----\n",
      "PCK chain certificate #0 is not valid base64",
    ],
    [
      "a body that is not DER",
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
      "PCK chain certificate #0 is not DER: invalid encoding at byte 2 of its DER",
    ],
    [
      "a DER body that is not a certificate",
      "-----BEGIN CERTIFICATE-----\nMAkFAAUAAwMAMAA=\n-----END CERTIFICATE-----\n",
      "PCK chain certificate #0 is not a valid X.509 certificate",
    ],
  ])("a chain with %s", async (_name, chainPem, detail) => {
    const quote = await buildQuote({ pki: testPki, chainPem });
    const result = await claimsFromEvidence({
      evidence: quote.bytes,
      rootPublicKey: testPki.rootPublicKey,
      now: NOW,
    });
    expect(!result.ok && result.error.id).toBe("pck-chain-parse");
    expect(!result.ok && result.error.message.startsWith(detail + " (field")).toBe(true);
  });

  it("more than eight certificates", async () => {
    const chainPem = pemChain(...Array.from({ length: 9 }, () => testPki.pck.certificate));
    const result = await claimsFromEvidence({
      evidence: (await buildQuote({ pki: testPki, chainPem })).bytes,
      rootPublicKey: testPki.rootPublicKey,
      now: NOW,
    });
    expect(!result.ok && result.error.message.split(" (")[0]).toBe(
      "The PCK chain has more than 8 certificates",
    );
  });
});
