import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits, formatPolicy, parsePolicy, stripRanges, type FormatOptions } from "../src/index.js";
import { policyText } from "../../../test/support/policy-arbitrary.js";

/** Formats, and checks everything the formatter promises about the result. */
function checkFormatting(input: string, options: FormatOptions = {}): void {
  const once = formatPolicy(input, options);
  if (!once.ok) throw new Error(`refused: ${once.reason}\n${input}`);
  expect(applyEdits(input, once.edits)).toBe(once.text);
  const twice = formatPolicy(once.text, options);
  expect(twice).toEqual({ ok: true, text: once.text, edits: [] });
  const before = parsePolicy(input).policy!;
  const after = parsePolicy(once.text);
  expect(after.diagnostics).toEqual([]);
  expect(stripRanges(after.policy)).toEqual(stripRanges(before));
  expect(after.policy!.comments.map((c) => c.text)).toEqual(before.comments.map((c) => c.text));
}

describe("formatter properties on generated policies", () => {
  it("formats idempotently, keeping the AST and every comment", () => {
    fc.assert(
      fc.property(policyText, (text) => checkFormatting(text)),
      { numRuns: 400 },
    );
  });

  it("holds for narrow widths, other indents and CRLF output", () => {
    const options = fc.record({
      indent: fc.integer({ min: 0, max: 8 }),
      maxLineWidth: fc.integer({ min: 1, max: 120 }),
      lineEnding: fc.constantFrom("\n" as const, "\r\n" as const),
    });
    fc.assert(
      fc.property(policyText, options, (text, opts) => checkFormatting(text, opts)),
      { numRuns: 300 },
    );
  });
});

const corpus = join(import.meta.dirname, "..", "..", "..", "..", "shared", "corpus");
const corpusFiles = existsSync(corpus)
  ? readdirSync(corpus)
      .filter((f) => f.endsWith(".txt"))
      .sort()
  : [];
if (corpusFiles.length === 0) console.warn(`format properties: no corpus at ${corpus}; corpus cases skipped`);

describe.skipIf(corpusFiles.length === 0)("formatter properties on the public corpus", () => {
  const valid = corpusFiles.filter(
    (f) => parsePolicy(readFileSync(join(corpus, f), "utf8")).diagnostics.length === 0,
  );

  it("finds policies to format", () => {
    expect(valid.length).toBeGreaterThan(20);
  });

  it.each(valid)("%s", (file) => {
    const text = readFileSync(join(corpus, file), "utf8");
    checkFormatting(text);
    checkFormatting(text, { maxLineWidth: 40, indent: 2 });
  });

  it.each(corpusFiles.filter((f) => !valid.includes(f)))("%s has syntax errors and is refused", (file) => {
    const result = formatPolicy(readFileSync(join(corpus, file), "utf8"));
    expect(result.ok).toBe(false);
  });
});
