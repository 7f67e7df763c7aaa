import { webEvidenceCrypto, type EvidenceCrypto } from "@maa-policy/evidence";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeEvidenceCrypto } from "../src/node-evidence-crypto.js";

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const keys = await crypto.subtle.generateKey(P256, true, ["sign", "verify"]);
const point = new Uint8Array(await crypto.subtle.exportKey("raw", keys.publicKey));
const data = new TextEncoder().encode("the signed bytes");
const sign = async (hash: "SHA-256" | "SHA-384", bytes = data) =>
  new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash }, keys.privateKey, bytes));
const signature = await sign("SHA-256");
const offCurve = point.slice();
offCurve[64] ^= 1;

/** Each crypto must give the same answer: the CLI's must refuse exactly what WebCrypto refuses. */
describe.each([
  ["WebCrypto", webEvidenceCrypto],
  ["node:crypto", nodeEvidenceCrypto],
] as [string, EvidenceCrypto][])("%s crypto", (_, crypto) => {
  it.each([
    ["a good signature", point, signature, data, true],
    ["a good signature, the point without its 0x04", point.subarray(1), signature, data, true],
    ["other data", point, signature, new TextEncoder().encode("other bytes"), false],
    ["a signature of the wrong length", point, signature.subarray(1), data, false],
    ["a point off the curve", offCurve, signature, data, false],
    ["a point of the wrong length", point.subarray(2), signature, data, false],
  ])("%s", async (_, key, sig, bytes, expected) => {
    expect(await crypto.verify(key, "SHA-256", sig, bytes)).toBe(expected);
  });

  it("SHA-384 signatures, and a SHA-256 signature checked as SHA-384", async () => {
    expect(await crypto.verify(point, "SHA-384", await sign("SHA-384"), data)).toBe(true);
    expect(await crypto.verify(point, "SHA-384", signature, data)).toBe(false);
  });

  it("tells points on the curve from points off it", async () => {
    expect([await crypto.isP256Point(point), await crypto.isP256Point(offCurve)]).toEqual([true, false]);
  });
});

it("both hash as SHA-256 does, over the parts in order", () => {
  const parts = [new TextEncoder().encode("abc"), new Uint8Array(0), new TextEncoder().encode("def")];
  const expected = "bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721"; // SHA-256("abcdef")
  for (const crypto of [webEvidenceCrypto, nodeEvidenceCrypto])
    expect(Buffer.from(crypto.sha256(...parts)).toString("hex")).toBe(expected);
});

it("the two agree on random signatures, points and data", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      fc.uint8Array({ maxLength: 64 }),
      fc.boolean(),
      async (sig, bytes, ownKey) => {
        const key = ownKey ? point : Uint8Array.of(4, ...sig, ...sig).subarray(0, 65);
        expect(await nodeEvidenceCrypto.verify(key, "SHA-256", sig, bytes)).toBe(
          await webEvidenceCrypto.verify(key, "SHA-256", sig, bytes),
        );
      },
    ),
    { numRuns: 200 },
  );
});
