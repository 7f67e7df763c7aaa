import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../src/index.js";
import { parseFast } from "../src/fast-parser.js";
import { scan } from "../src/fast-lexer.js";
import { SourceMap } from "../src/source-map.js";
import { PUNCTUATION, policyText } from "../../../test/support/policy-arbitrary.js";
import { samplePolicies } from "../../../test/support/policy-samples.js";

/** The fast path's AST, or undefined where it declines. */
function fast(text: string) {
  const scanned = scan(text);
  return scanned && parseFast(scanned, new SourceMap(text));
}

/** The same text through the generated parser alone. */
function generated(text: string) {
  return parsePolicy(text, { generatedParserOnly: true });
}

/**
 * JSON keeps field order, which the AST printer and the fixtures' snapshots see; `toEqual` does
 * not, so both are compared.
 */
function expectSameAst(text: string): void {
  const ours = fast(text);
  const theirs = generated(text);
  if (ours === undefined) return; // declining is always safe: the generated parser runs instead
  expect(theirs.diagnostics).toEqual([]);
  expect(ours).toEqual(theirs.policy);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs.policy));
}

const edit = fc.record({
  at: fc.nat(),
  delete: fc.nat({ max: 6 }),
  insert: fc.constantFrom(...PUNCTUATION, "", "x", "1", '"s"', "true", " "),
});

describe("fast parser", () => {
  it("builds the generated parser's AST for every policy generated from the grammar, and never declines one", () => {
    fc.assert(
      fc.property(policyText, (text) => {
        expect(fast(text)).toBeDefined();
        expectSameAst(text);
      }),
      { numRuns: 400 },
    );
  });

  it("agrees with the generated parser on our fixtures and the corpus, and declines exactly where it reports errors", () => {
    for (const text of samplePolicies({ errors: true })) {
      const theirs = generated(text);
      if (theirs.diagnostics.length === 0 && !/[\uD800-\uDFFF]/.test(text)) expect(fast(text)).toBeDefined();
      if (theirs.diagnostics.length > 0) expect(fast(text)).toBeUndefined();
      expectSameAst(text);
    }
  });

  it("never accepts what the generated parser rejects, under random edits", () => {
    const seeds = samplePolicies({ errors: true });
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (index, edits) => {
          let text = seeds[index];
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(at + e.delete);
          }
          expectSameAst(text);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
