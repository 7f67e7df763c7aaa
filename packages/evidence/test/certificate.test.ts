import "reflect-metadata";
import type { webcrypto } from "node:crypto";
import {
  BasicConstraintsExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509CertificateGenerator,
  type X509Certificate,
} from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { readCertificate } from "../src/certificate.js";
import { EC, identity } from "./support/pki.js";

/** The keys of the last certificate made. */
let keys: webcrypto.CryptoKeyPair;

/** A certificate from @peculiar/x509, whose own parse is the oracle for what the reader returns. */
async function certificate(options: {
  extensions?: Extension[];
  notBefore?: Date;
  notAfter?: Date;
  name?: string;
}): Promise<X509Certificate> {
  keys = await crypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  return X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: options.name ?? "CN=Reader Test, O=Example, L=Santa Clara, ST=CA, C=US",
    notBefore: options.notBefore ?? new Date("2021-02-03T04:05:06Z"),
    notAfter: options.notAfter ?? new Date("2031-02-03T04:05:06Z"),
    signingAlgorithm: EC,
    keys,
    extensions: options.extensions ?? [],
  });
}

const read = (cert: X509Certificate) => readCertificate(new Uint8Array(cert.rawData));

describe("readCertificate reads what @peculiar/x509 reads", () => {
  const cases: [string, Parameters<typeof certificate>[0], boolean][] = [
    ["no extensions: not a CA", {}, false],
    ["basicConstraints cA true", { extensions: [new BasicConstraintsExtension(true, 0, true)] }, true],
    ["basicConstraints cA false", { extensions: [new BasicConstraintsExtension(false)] }, false],
    [
      "basicConstraints after another extension",
      {
        extensions: [
          new KeyUsagesExtension(KeyUsageFlags.keyCertSign, true),
          new BasicConstraintsExtension(true),
        ],
      },
      true,
    ],
    [
      "GeneralizedTime from 2050 on",
      { notBefore: new Date("1949-12-31T23:59:59Z"), notAfter: new Date("2050-01-01T00:00:00Z") },
      false,
    ],
    ["an escaped name", { name: 'CN=a\\, b, O="q+r", OU=x\\+y' }, false],
  ];
  it.each(cases)("%s", async (_, options, ca) => {
    const cert = await certificate(options);
    const fields = read(cert);
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", keys.publicKey));
    expect(fields).toEqual({
      der: new Uint8Array(cert.rawData),
      subject: cert.subject,
      issuer: cert.issuer,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      ca,
      p256Point: raw,
    });
  });

  it("the chain helper's CA certificates read as CAs", async () => {
    const root = await identity({ name: "CN=Root", ca: true });
    const leaf = await identity({ name: "CN=Leaf", issuer: root });
    expect([read(root.certificate)?.ca, read(leaf.certificate)?.ca]).toEqual([true, false]);
    expect(read(leaf.certificate)?.issuer).toBe("CN=Root");
  });

  it("a key that is not EC P-256 has no point", async () => {
    const rsa = {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: Uint8Array.of(1, 0, 1),
      hash: "SHA-256",
    };
    const p384 = { name: "ECDSA", namedCurve: "P-384", hash: "SHA-384" };
    for (const algorithm of [rsa, p384]) {
      const root = await identity({ name: "CN=Root", ca: true });
      const leaf = await identity({ name: "CN=Leaf", issuer: root, algorithm });
      expect(read(leaf.certificate)?.p256Point).toBeNull();
    }
  });
});

describe("readCertificate refuses what is not a certificate", () => {
  it("a truncated certificate, a SEQUENCE of nothing, and a malformed basicConstraints", async () => {
    const der = new Uint8Array((await certificate({})).rawData);
    expect(readCertificate(der.subarray(0, der.length - 10))).toBeNull();
    expect(readCertificate(Uint8Array.of(0x30, 0x00))).toBeNull();
    const broken = new Extension("2.5.29.19", true, Uint8Array.of(0x04, 0x00));
    expect(read(await certificate({ extensions: [broken] }))).toBeNull();
  });

  it("a validity time that is not a real date", async () => {
    const der = new Uint8Array((await certificate({})).rawData);
    const text = new TextDecoder("latin1").decode(der);
    const at = text.indexOf("210203040506Z");
    expect(at).toBeGreaterThan(0);
    const badMonth = der.slice();
    badMonth.set(new TextEncoder().encode("211303040506Z"), at);
    expect(readCertificate(badMonth)).toBeNull();
  });
});

describe("names read exactly as @peculiar/x509 writes them", () => {
  const names = [
    "CN=Intel SGX PCK Certificate, O=Intel Corporation, L=Santa Clara, ST=CA, C=US",
    "CN=a\\, b+OU=c, O=\\#hash, L=trailing\\ , ST=\\<lt\\>",
    "E=someone@example.com, DC=example, DC=com, G=Given, SN=Surname, I=I, T=Title",
    "CN=Ünïcödé ✓",
    "1.2.3.4=#0c0474657374, CN=unnamed type",
    "CN=tab\\09here",
  ];
  it.each(names)("%s", async (name) => {
    const cert = await certificate({ name });
    expect(read(cert)?.subject).toBe(cert.subject);
  });
});
