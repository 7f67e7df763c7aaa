import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../src/index.js";
import { parseFast } from "../src/fast-parser.js";
import { NestingTooDeep } from "../src/nesting-limit.js";
import { SourceMap } from "../src/source-map.js";
import { PUNCTUATION, policyText } from "../../../test/support/policy-arbitrary.js";
import { samplePolicies } from "../../../test/support/policy-samples.js";

/** The fast path's AST, or undefined where it declines. */
function fast(text: string) {
  const result = parseFast(text, new SourceMap(text));
  return result instanceof NestingTooDeep ? undefined : result;
}

/** The same text through the generated parser alone. */
function generated(text: string) {
  return parsePolicy(text, { generatedParserOnly: true });
}

/**
 * As plain data (views have no fields of their own to compare), in JSON, which keeps field order:
 * the AST printer and the fixtures' snapshots see that order.
 */
function expectSameAst(text: string): void {
  const ours = fast(text);
  const theirs = generated(text);
  if (ours === undefined) return; // declining is always safe: the generated parser runs instead
  expect(theirs.diagnostics).toEqual([]);
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

  it("keeps records across chunks of the syntax tree: a policy larger than one chunk, a section larger than any", () => {
    // About 100 slots a rule, 16,384 slots a chunk: 400 rules fill three chunks.
    const rules = Array.from(
      { length: 400 },
      (_, i) =>
        `  c${i}:[type=="t", issuer=="AttestationService"] && ![type=="u"] => issue(type="x${i}", value=Max(c${i}.value, ${i}));\n`,
    );
    expectSameAst(`version=1.2; issuancerules {\n${rules.join("")}};`);

    // A section's list of rules is one record: 20,000 rules need a chunk of their own.
    const many = 20_000;
    const text = `version=1.0; authorizationrules {\n${"=> permit();\n".repeat(many)}};`;
    const [section] = fast(text)!.sections;
    const last = section.rules[many - 1];
    expect([section.rules.length, last.action.name, last.range.start.line, section.range.end.line]).toEqual([
      many,
      "permit",
      many,
      many + 1,
    ]);
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
