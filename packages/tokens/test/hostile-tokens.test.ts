import { beforeAll, describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  createPolicyToken,
  decomposeJws,
  loadSigningKey,
  MAX_CHAIN_CERTIFICATES,
  MAX_HEADER_CHARS,
  verifyJws,
} from "@maa-policy/tokens";
import { identity, type TestIdentity } from "./pki.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const policy = "version=1.0; authorizationrules{=> permit();};";

let signer: TestIdentity;
let token: string;

beforeAll(async () => {
  signer = await identity({ name: "CN=policy signer", ca: true });
  const loaded = await loadSigningKey(signer.keyPem, signer.certPem);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const created = await createPolicyToken(policy, loaded.value);
  if (!created.ok) throw new Error(created.error.message);
  token = created.value;
});

/** The token with its header replaced (and so no longer covered by the signature). */
const withHeader = (header: object) =>
  `${base64UrlEncode(JSON.stringify(header))}.${token.split(".").slice(1).join(".")}`;

/** Any header, signed as it is (jose refuses to sign unknown crit or RSA256, which is the point). */
async function signedWith(header: object): Promise<string> {
  const input = `${base64UrlEncode(JSON.stringify(header))}.${token.split(".")[1]}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    signer.keys.privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64UrlEncode(new Uint8Array(signature))}`;
}

const x5c = () => {
  const parts = decomposeJws(token);
  if (!parts.ok) throw new Error(parts.error.message);
  return parts.value.header.x5c as string[];
};

async function verified(text: string) {
  const parts = decomposeJws(text);
  if (!parts.ok) return { error: parts.error.message, location: parts.location };
  const result = await verifyJws(parts.value);
  return result.ok
    ? { ok: result.value.algorithm }
    : { error: result.error.message, location: result.location };
}

describe("crit (RFC 7515 §4.1.11)", () => {
  const malformed = `Malformed JWT: the header's "crit" must be a non-empty array of header parameter names (RFC 7515 §4.1.11).`;
  it.each([
    [
      "an unknown extension",
      { crit: ["x-unknown-ext"], "x-unknown-ext": 1 },
      `The token header marks "x-unknown-ext" critical ("crit"), an extension this verifier does not understand (RFC 7515 §4.1.11).`,
    ],
    [
      "b64 with an unencoded payload",
      { crit: ["b64"], b64: false },
      `The token header marks "b64" critical ("crit"), an extension this verifier does not understand (RFC 7515 §4.1.11).`,
    ],
    ["an empty list", { crit: [] }, malformed],
    ["a string", { crit: "x-unknown-ext" }, malformed],
    ["a list of numbers", { crit: [1] }, malformed],
    ["null", { crit: null }, malformed],
  ])("refuses %s, though the signature verifies", async (_name, extra, message) => {
    // Signed over the header that carries crit, so only crit can make it fail.
    const signed = await signedWith({ alg: "RS256", x5c: x5c(), ...extra });
    expect(await verified(signed)).toEqual({ error: message, location: { offset: 0, segment: "header" } });
  });
});

describe("non-canonical base64url", () => {
  it("refuses each of the 15 other spellings of the signature's last character", async () => {
    expect(await verified(token)).toEqual({ ok: "RS256" });
    const signature = token.slice(token.lastIndexOf(".") + 1);
    // 256 bytes are 342 characters: the last one carries 2 bits of data and 4 unused ones.
    expect(signature.length % 4).toBe(2);
    const last = ALPHABET.indexOf(signature[signature.length - 1]);
    const others = [...ALPHABET].filter((c, i) => c !== ALPHABET[last] && (i & ~0b1111) === (last & ~0b1111));
    expect(others).toHaveLength(15);
    for (const char of others) {
      expect(await verified(token.slice(0, -1) + char)).toEqual({
        error: `Non-canonical base64: the unused bits of the last character '${char}' are not zero`,
        location: { offset: token.length - 1, segment: "signature" },
      });
    }
  });
});

describe("header and chain bounds", () => {
  it(`refuses a header longer than ${MAX_HEADER_CHARS} characters before decoding it`, async () => {
    const header = withHeader({ alg: "RS256", pad: "x".repeat(MAX_HEADER_CHARS) });
    const length = header.indexOf(".");
    expect(await verified(header)).toEqual({
      error: `Malformed JWT: the header is ${length} characters long; a header of more than ${MAX_HEADER_CHARS} is not read.`,
      location: { offset: 0, segment: "header" },
    });
  });

  it(`refuses more than ${MAX_CHAIN_CERTIFICATES} certificates in x5c`, async () => {
    const x5c = new Array<string>(MAX_CHAIN_CERTIFICATES + 1).fill("MIIB");
    expect(await verified(withHeader({ alg: "RS256", x5c }))).toEqual({
      error: `The token header has ${MAX_CHAIN_CERTIFICATES + 1} certificates in "x5c"; a chain of more than ${MAX_CHAIN_CERTIFICATES} is refused.`,
      location: { offset: 0, segment: "header" },
    });
  });
});

describe("the chain in jwk.x5c (spec §8.1)", () => {
  it("verifies a token whose chain is in jwk.x5c, with a warning", async () => {
    const moved = decomposeJws(await signedWith({ alg: "RSA256", jwk: { x5c: x5c() } }));
    if (!moved.ok) throw new Error(moved.error.message);
    const result = await verifyJws(moved.value);
    expect(result.ok && result.value.signer).toEqual({ alg: "RS256", kty: "RSA", use: "sig", x5c: x5c() });
    expect(result.warnings).toEqual([
      {
        code: "nonstandard-algorithm",
        message:
          '"RSA256" is not a JOSE algorithm name; it is read as "RS256", as the service reads it. Use "RS256".',
      },
      {
        code: "chain-in-jwk",
        message: `The signer's certificate chain is in the header's "jwk" member; the service accepts it there, but the SDKs send it as "x5c".`,
      },
    ]);
  });

  it("refuses a header whose x5c and jwk.x5c differ", async () => {
    const other = await identity({ name: "CN=someone else", ca: true });
    const jwk = { x5c: [other.certPem.replace(/-----[A-Z ]+-----|\s/g, "")] };
    expect(await verified(await signedWith({ alg: "RS256", x5c: x5c(), jwk }))).toEqual({
      error: `The token header's "x5c" and "jwk" hold different certificate chains.`,
      location: { offset: 0, segment: "header" },
    });
  });
});
