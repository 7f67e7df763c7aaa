import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimsFromEvidence } from "@maa-policy/evidence";
import { fuzzRuns } from "../../../test/fuzz/config.js";
import { pki } from "./support/pki.js";
import { buildQuote } from "./support/quote-builder.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const testPki = await pki();
const quotes = [
  await buildQuote({ pki: testPki }),
  await buildQuote({ pki: testPki, version: 4, openEnclave: true }),
];
const run = (evidence: Uint8Array | string) =>
  claimsFromEvidence({ evidence, rootPublicKey: testPki.rootPublicKey, now: NOW });
const originals = await Promise.all(quotes.map((q) => run(q.bytes)));

/** An edit of a valid quote: overwrite a run of bytes, cut it short, or insert bytes. */
const edit = fc.record({
  which: fc.integer({ min: 0, max: quotes.length - 1 }),
  kind: fc.constantFrom("overwrite", "truncate", "insert"),
  at: fc.nat(),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
});

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply({ which, kind, at, bytes }: Edit): Uint8Array {
  const source = quotes[which].bytes;
  const i = at % source.length;
  if (kind === "truncate") return source.subarray(0, i);
  if (kind === "overwrite") {
    const out = new Uint8Array(source);
    out.set(bytes.subarray(0, source.length - i), i);
    return out;
  }
  const out = new Uint8Array(source.length + bytes.length);
  out.set(source.subarray(0, i));
  out.set(bytes, i);
  out.set(source.subarray(i), i + bytes.length);
  return out;
}

describe("hostile evidence never throws, and errors point inside it", () => {
  it("random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 6000 }), async (bytes) => {
        const result = await run(bytes);
        expect(result.ok).toBe(false);
        if (!result.ok && result.error.offset !== null)
          expect(result.error.offset).toBeLessThanOrEqual(bytes.length);
      }),
      fuzzRuns(300),
    );
  });

  it("random text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), async (text) => {
        expect((await run(text)).ok).toBe(false);
      }),
      fuzzRuns(300),
    );
  });

  it("edited quotes fail, or give exactly the original claims", async () => {
    await fc.assert(
      fc.asyncProperty(edit, async (change) => {
        const bytes = apply(change);
        const result = await run(bytes);
        if (result.ok) expect(result.claims).toEqual((originals[change.which] as { claims: unknown }).claims);
        else if (result.error.offset !== null) expect(result.error.offset).toBeLessThanOrEqual(bytes.length);
      }),
      fuzzRuns(500),
    );
  });
});
