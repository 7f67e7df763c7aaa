import { beforeAll, describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  createPolicyCertificateToken,
  decodePolicyCertificateToken,
  loadSigningKey,
  verifyJws,
} from "@maa-policy/tokens";
import { restErrorBody } from "@maa-policy/parser";
import { EC, identity, type TestIdentity } from "./pki.js";

let manager: TestIdentity;
let added: TestIdentity;

beforeAll(async () => {
  [manager, added] = await Promise.all([
    identity({ ca: true }),
    identity({ name: "CN=new signer", algorithm: EC, ca: true }),
  ]);
});

const der = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");
const unsigned = (payload: unknown) =>
  `${base64UrlEncode('{"alg":"none"}')}.${base64UrlEncode(JSON.stringify(payload))}.`;

describe("policy certificate (signer) tokens", () => {
  it("wraps the certificate as {policyCertificate: {kty, x5c}} signed by an existing signer", async () => {
    const key = await loadSigningKey(manager.keyPem, manager.certPem);
    if (!key.ok) throw new Error(key.error.message);
    const token = await createPolicyCertificateToken(added.certPem, key.value);
    if (!token.ok) throw new Error(token.error.message);
    const decoded = await decodePolicyCertificateToken(token.value);
    expect(decoded.ok && new TextDecoder().decode(decoded.value.parts.payload)).toBe(
      JSON.stringify({ policyCertificate: { kty: "EC", x5c: [der(added.certPem)] } }),
    );
    expect(decoded.ok && [decoded.value.claim, decoded.value.certificate.subject]).toEqual([
      "policyCertificate",
      "CN=new signer",
    ]);
    const thumbprint = new Uint8Array(await added.certificate.getThumbprint("SHA-1"));
    expect(decoded.ok && decoded.value.certificate.thumbprint).toBe(
      Buffer.from(thumbprint).toString("hex").toUpperCase(),
    );
    expect(
      decoded.ok && (await verifyJws(decoded.value.parts, { trustedCertificates: [manager.certificate] })).ok,
    ).toBe(true);
  });

  it.each(["maa-policyCertificate", "aas-policyCertificate", "x-ms-policyCertificate"])(
    "accepts the legacy %s claim with a warning",
    async (claim) => {
      const decoded = await decodePolicyCertificateToken(
        unsigned({ [claim]: { kty: "EC", x5c: [der(added.certPem)] } }),
      );
      expect(decoded.ok && decoded.value.claim).toBe(claim);
      expect(decoded.warnings).toEqual([
        {
          code: "legacy-signer-claim",
          message: `The certificate is in a "${claim}" claim, a pre-GA or documentation name; the SDKs send "policyCertificate".`,
        },
      ]);
    },
  );

  it("warns when kty does not match the certificate", async () => {
    const decoded = await decodePolicyCertificateToken(
      unsigned({ policyCertificate: { kty: "RSA", x5c: [der(added.certPem)] } }),
    );
    expect(decoded.warnings).toEqual([
      {
        code: "key-type-mismatch",
        message: 'The "policyCertificate" key says "kty": "RSA", but its certificate holds an EC key.',
      },
    ]);
  });

  it.each([
    ["a text body", "MIIC", "InvalidOperation", "Malformed JWT: Could not find first period in the token."],
    [
      "an HMAC token",
      `${base64UrlEncode('{"alg":"HS256"}')}.${base64UrlEncode("{}")}.AAAA`,
      "InvalidOperation",
      'Unsupported JWS algorithm "HS256": use one of none, RS256, ES256.',
    ],
    [
      "no claim",
      unsigned({ certificate: {} }),
      "InvalidOperation",
      'Could not find "policyCertificate" claim in policy token',
    ],
    [
      "a string claim",
      unsigned({ policyCertificate: "MIIC" }),
      "InvalidOperation",
      'The "policyCertificate" claim is not a JSON Web Key object.',
    ],
    [
      "a key without x5c",
      unsigned({ policyCertificate: { kty: "RSA" } }),
      "InvalidParameter",
      'The "policyCertificate" key has no "x5c" certificate chain.',
    ],
    [
      "a key with a bad certificate",
      unsigned({ policyCertificate: { kty: "RSA", x5c: ["AAAA"] } }),
      "InvalidParameter",
      'The "policyCertificate" key x5c[0] is not a DER-encoded X.509 certificate.',
    ],
  ])("rejects %s", async (_name, token, code, message) => {
    const decoded = await decodePolicyCertificateToken(token);
    expect(!decoded.ok && [decoded.error.code, decoded.error.message]).toEqual([code, message]);
  });
});

describe("signer token REST bodies", () => {
  it("answers a token without its claim with the service's HTTP 400 body", async () => {
    const decoded = await decodePolicyCertificateToken(unsigned({ certificate: {} }));
    const message =
      "Attestation Enclave operation failed with 74: Exception(0) 83FF004A Bad message" +
      '    Msg:[Could not find "policyCertificate" claim in policy token] \n\r\nUnhandled Enclave Exception: "Bad message"\r\n';
    expect(!decoded.ok && restErrorBody(decoded.error)).toEqual({
      error: { code: "InvalidOperation", message, innererror: { code: "InvalidOperation", message } },
    });
  });
});
