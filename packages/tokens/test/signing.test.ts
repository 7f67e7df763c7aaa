import { beforeAll, describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  createPolicyToken,
  createResetToken,
  decodePolicyToken,
  decomposeJws,
  loadSigningKey,
  verifyJws,
  type JwsParts,
  type SigningKey,
  type VerifyOptions,
} from "@maa-policy/tokens";
import { restErrorBody } from "@maa-policy/parser";
import { EC, EC384, identity, type TestIdentity } from "./pki.js";

const draft = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";

let rsa: TestIdentity;
let ec: TestIdentity;
let root: TestIdentity;
let leaf: TestIdentity;
let other: TestIdentity;
let old: TestIdentity;

beforeAll(async () => {
  [rsa, ec, root, other] = await Promise.all([
    identity({ ca: true }),
    identity({ name: "CN=ec signer", algorithm: EC, ca: true }),
    identity({ name: "CN=policy root", ca: true }),
    identity({ name: "CN=other root", ca: true }),
  ]);
  leaf = await identity({ name: "CN=policy leaf", issuer: root, algorithm: EC });
  old = await identity({
    ca: true,
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2021-01-01T00:00:00Z"),
  });
});

async function key(pem: string, certs: string): Promise<SigningKey> {
  const loaded = await loadSigningKey(pem, certs);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

async function signed(signer: SigningKey, text = draft): Promise<JwsParts> {
  const token = await createPolicyToken(text, signer);
  if (!token.ok) throw new Error(token.error.message);
  const parts = decomposeJws(token.value);
  if (!parts.ok) throw new Error(parts.error.message);
  return parts.value;
}

const parts = (token: string) => {
  const result = decomposeJws(token);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe("signing", () => {
  it.each([
    ["an RSA key", () => rsa, "RS256"],
    ["an EC P-256 key", () => ec, "ES256"],
  ])("signs with %s as %s, header {alg, x5c} as the JS SDK", async (_name, who, alg) => {
    const id = who();
    const token = await signed(await key(id.keyPem, id.certPem));
    const x5c = [id.certPem.replace(/-----[A-Z ]+-----|\s/g, "")];
    expect(token.headerText).toBe(JSON.stringify({ alg, x5c }));
    const decoded = decodePolicyToken(token.token);
    expect(decoded.ok && decoded.value.policy).toBe(draft);
    const verified = await verifyJws(token);
    expect(verified.ok && [verified.value.algorithm, verified.value.chain.map((c) => c.subject)]).toEqual([
      alg,
      [id.certificate.subject],
    ]);
    expect(verified.ok && verified.value.signer).toEqual({
      alg,
      kty: alg === "RS256" ? "RSA" : "EC",
      use: "sig",
      x5c,
    });
  });

  it("signs a reset token over an empty payload", async () => {
    const token = await createResetToken(await key(rsa.keyPem, rsa.certPem));
    expect(token.ok && token.value.split(".")[1]).toBe("");
    expect(await createResetToken()).toEqual({ ok: true, value: "eyJhbGciOiJub25lIn0..", warnings: [] });
    const verified = await verifyJws(parts(token.ok ? token.value : ""));
    expect(verified.ok).toBe(true);
  });

  it("puts the whole chain in x5c, leaf first", async () => {
    const token = await signed(await key(leaf.keyPem, leaf.certPem + root.certPem));
    const verified = await verifyJws(token);
    expect(verified.ok && verified.value.chain.map((c) => [c.subject, c.issuer, c.isCa])).toEqual([
      ["CN=policy leaf", "CN=policy root", false],
      ["CN=policy root", "CN=policy root", true],
    ]);
  });
});

describe("loadSigningKey errors", () => {
  it.each([
    [
      "no certificate",
      () => [rsa.keyPem, "hello"],
      "the signing certificate holds no PEM certificate (-----BEGIN CERTIFICATE-----).",
    ],
    [
      "a corrupt certificate",
      () => [rsa.keyPem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
      "the signing certificate: certificate 1 is not a DER-encoded X.509 certificate.",
    ],
    [
      "bad base64 in a certificate",
      () => [rsa.keyPem, "-----BEGIN CERTIFICATE-----\nA_AA\n-----END CERTIFICATE-----\n"],
      "the signing certificate: certificate 1 is not valid base64.",
    ],
    [
      "a key that is not PKCS#8",
      () => ["-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", rsa.certPem],
      "The private key is not an unencrypted PKCS#8 PEM RSA key (-----BEGIN PRIVATE KEY-----).",
    ],
    [
      "an EC key for an RSA certificate",
      () => [ec.keyPem, rsa.certPem],
      "The private key is not an unencrypted PKCS#8 PEM RSA key (-----BEGIN PRIVATE KEY-----).",
    ],
    [
      "another RSA key",
      () => [root.keyPem, rsa.certPem],
      "The private key does not match the signing certificate (CN=attestationsigningcert).",
    ],
  ])("refuses %s", async (_name, inputs, message) => {
    const [pem, certs] = inputs();
    expect(await loadSigningKey(pem, certs)).toEqual({
      ok: false,
      error: { code: "InvalidParameter", message, status: 400 },
      warnings: [],
    });
  });

  it("refuses a P-384 key like the SDK refuses unknown key types", async () => {
    const p384 = await identity({ algorithm: EC384 });
    const result = await loadSigningKey(p384.keyPem, p384.certPem);
    expect(!result.ok && result.error.message).toBe(
      "Unknown public key type: ECDSA P-384 (policy tokens are signed with RSA or EC P-256 keys).",
    );
  });
});

describe("verifyJws", () => {
  const fails = async (token: JwsParts, options: VerifyOptions, code: string, message: string) => {
    const result = await verifyJws(token, options);
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([code, message]);
  };

  it("rejects a changed payload", async () => {
    const token = await signed(await key(rsa.keyPem, rsa.certPem));
    const payload = base64UrlEncode(JSON.stringify({ AttestationPolicy: base64UrlEncode("version=1.0;") }));
    const [header, , signature] = token.token.split(".");
    const tampered = parts(`${header}.${payload}.${signature}`);
    await fails(
      tampered,
      {},
      "InvalidOperation",
      "The token signature does not verify with x5c[0] (CN=attestationsigningcert).",
    );
    const result = await verifyJws(tampered);
    expect(!result.ok && result.location).toEqual({ offset: tampered.signatureStart, segment: "signature" });
  });

  it("rejects an RS256 token whose certificate holds an EC key", async () => {
    const token = await signed(await key(ec.keyPem, ec.certPem));
    const header = base64UrlEncode(JSON.stringify({ ...token.header, alg: "RS256" }));
    const relabelled = parts(`${header}.${token.token.split(".").slice(1).join(".")}`);
    await fails(
      relabelled,
      {},
      "InvalidOperation",
      "The token signature does not verify with x5c[0] (CN=ec signer).",
    );
  });

  it("rejects a self-signed signer that is not a CA, as the service does (spec §3.2)", async () => {
    const plain = await identity();
    const token = await signed(await key(plain.keyPem, plain.certPem));
    await fails(token, {}, "InvalidParameter", "Unable to find issuer certificate CN=attestationsigningcert");
    await fails(
      token,
      { trustedCertificates: [plain.certificate] },
      "InvalidParameter",
      "Unable to find issuer certificate CN=attestationsigningcert",
    );
  });

  it("answers a root without CA with the recorded message's REST body (spec §3.2)", async () => {
    const plain = await identity();
    const result = await verifyJws(await signed(await key(plain.keyPem, plain.certPem)));
    const message =
      "Attestation Enclave operation failed with 65529: Exception(0) 83FFFFF9 The requested item is not found" +
      '    Msg:[Unable to find issuer certificate CN=attestationsigningcert] \n\r\nUnhandled Enclave Exception: "The requested item is not found"\r\n';
    expect(!result.ok && restErrorBody(result.error)).toEqual({
      error: { code: "InvalidParameter", message, innererror: { code: "InvalidParameter", message } },
    });
  });

  it("rejects a chain that does not end in a root", async () => {
    const token = await signed(await key(leaf.keyPem, leaf.certPem));
    await fails(token, {}, "InvalidParameter", "Unable to find issuer certificate CN=policy root");
  });

  it("rejects a chain whose certificates do not issue one another", async () => {
    const token = await signed(await key(leaf.keyPem, leaf.certPem + other.certPem));
    await fails(token, {}, "InvalidParameter", "Unable to find issuer certificate CN=policy root");
  });

  it("accepts a leaf issued by a trusted certificate, and names the anchor", async () => {
    const token = await signed(await key(leaf.keyPem, leaf.certPem));
    const result = await verifyJws(token, { trustedCertificates: [other.certificate, root.certificate] });
    const anchor = new Uint8Array(await root.certificate.getThumbprint("SHA-1"));
    const hex = Array.from(anchor, (b) => b.toString(16).padStart(2, "0"))
      .join("")
      .toUpperCase();
    expect(result.ok && result.value.trustedBy).toBe(hex);
  });

  it("accepts a signer that is itself a trusted certificate", async () => {
    const token = await signed(await key(rsa.keyPem, rsa.certPem));
    const result = await verifyJws(token, { trustedCertificates: [rsa.certificate] });
    expect(result.ok).toBe(true);
  });

  it("rejects a signer the provider does not trust", async () => {
    const token = await signed(await key(leaf.keyPem, leaf.certPem + root.certPem));
    await fails(
      token,
      { trustedCertificates: [other.certificate] },
      "InvalidParameter",
      "Unable to find issuer certificate CN=policy root",
    );
  });

  it.each([
    ["a trust list", { trustedCertificates: [] }],
    ["requireSigned", { requireSigned: true }],
  ])("rejects an unsigned token under %s", async (_name, options) => {
    const token = parts(`${base64UrlEncode('{"alg":"none"}')}.e30.`);
    await fails(token, options, "InvalidOperation", "The token is unsigned, but a signed token is required.");
  });

  it("accepts an unsigned token otherwise", async () => {
    expect(await verifyJws(parts("eyJhbGciOiJub25lIn0.."))).toEqual({
      ok: true,
      value: { algorithm: "none", chain: [] },
      warnings: [],
    });
  });

  it.each([
    ["no x5c", {}, 'The token header has no "x5c" certificate chain.'],
    ["an empty x5c", { x5c: [] }, 'The token header has no "x5c" certificate chain.'],
    ["a number in x5c", { x5c: [1] }, "The token header x5c[0] is not a string."],
    [
      "base64url in x5c",
      { x5c: ["ab_c"] },
      "The token header x5c[0] is not valid base64: Unknown base64 character: 95 ('_')",
    ],
    [
      "a non-certificate in x5c",
      { x5c: ["AAAA"] },
      "The token header x5c[0] is not a DER-encoded X.509 certificate.",
    ],
  ])("rejects %s", async (_name, header, message) => {
    const token = parts(`${base64UrlEncode(JSON.stringify({ alg: "RS256", ...header }))}.e30.AAAA`);
    const result = await verifyJws(token);
    expect(result).toEqual({
      ok: false,
      error: { code: "InvalidParameter", message, status: 400 },
      location: { offset: 0, segment: "header" },
      warnings: [],
    });
  });

  it.each([
    [
      "an expired certificate",
      "2022-01-01T00:00:00Z",
      "Certificate x5c[0] (CN=attestationsigningcert) expired on 2021-01-01T00:00:00.000Z.",
    ],
    [
      "a certificate not yet valid",
      "2019-01-01T00:00:00Z",
      "Certificate x5c[0] (CN=attestationsigningcert) is not valid before 2020-01-01T00:00:00.000Z.",
    ],
  ])("rejects %s, even from a trusted signer", async (_name, now, message) => {
    const token = await signed(await key(old.keyPem, old.certPem));
    const error = { code: "InvalidParameter", message, status: 400 };
    const location = { offset: 0, segment: "header" };
    expect(await verifyJws(token, { now: new Date(now) })).toEqual({
      ok: false,
      error,
      location,
      warnings: [],
    });
    expect(await verifyJws(token, { now: new Date(now), trustedCertificates: [old.certificate] })).toEqual({
      ok: false,
      error,
      location,
      warnings: [],
    });
    expect((await verifyJws(token, { now: new Date("2020-06-01T00:00:00Z") })).ok).toBe(true);
  });

  it("checks every certificate of the chain, not only the signer's", async () => {
    const expiredRoot = await identity({
      name: "CN=old root",
      ca: true,
      notBefore: new Date("2020-01-01T00:00:00Z"),
      notAfter: new Date("2021-01-01T00:00:00Z"),
    });
    const young = await identity({
      name: "CN=young leaf",
      issuer: expiredRoot,
      notBefore: new Date("2020-06-01T00:00:00Z"),
      notAfter: new Date("2030-01-01T00:00:00Z"),
    });
    const token = await signed(await key(young.keyPem, young.certPem + expiredRoot.certPem));
    await fails(
      token,
      { now: new Date("2022-01-01T00:00:00Z") },
      "InvalidParameter",
      "Certificate x5c[1] (CN=old root) expired on 2021-01-01T00:00:00.000Z.",
    );
  });

  it.each([
    ["HS256", "HS256", 'Unsupported JWS algorithm "HS256": use one of none, RS256, ES256.'],
    ["PS256", "PS256", 'Unsupported JWS algorithm "PS256": use one of none, RS256, ES256.'],
    [
      "a prototype member name",
      "constructor",
      'Unsupported JWS algorithm "constructor": use one of none, RS256, ES256.',
    ],
  ])("refuses alg %s", async (_name, alg, message) => {
    const token = await signed(await key(rsa.keyPem, rsa.certPem));
    const header = base64UrlEncode(JSON.stringify({ ...token.header, alg }));
    const swapped = parts(`${header}.${token.token.split(".").slice(1).join(".")}`);
    expect(await verifyJws(swapped)).toEqual({
      ok: false,
      error: { code: "InvalidOperation", message, status: 400 },
      location: { offset: 0, segment: "header" },
      warnings: [],
    });
  });

  it("refuses a signed token relabelled alg none", async () => {
    const token = await signed(await key(rsa.keyPem, rsa.certPem));
    const none = base64UrlEncode('{"alg":"none"}');
    const swapped = parts(`${none}.${token.token.split(".").slice(1).join(".")}`);
    await fails(
      swapped,
      {},
      "InvalidOperation",
      'Malformed JWT: an unsecured token ("alg":"none") must have an empty signature.',
    );
    const stripped = parts(`${none}.${token.token.split(".")[1]}.`);
    await fails(
      stripped,
      { trustedCertificates: [rsa.certificate] },
      "InvalidOperation",
      "The token is unsigned, but a signed token is required.",
    );
  });
});
