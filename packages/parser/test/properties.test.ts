import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyzePolicy,
  formatPolicy,
  MAX_NESTING,
  parsePolicy,
  plainAst,
  type Diagnostic,
} from "../src/index.js";
import { PUNCTUATION, policyText } from "../../../test/support/policy-arbitrary.js";
import { samplePolicies } from "../../../test/support/policy-samples.js";

function rangesInside(text: string, diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every(
    (d) =>
      d.range.start.offset >= 0 &&
      d.range.start.offset <= d.range.end.offset &&
      d.range.end.offset <= text.length &&
      (d.fixes ?? []).every((f) =>
        f.edits.every((e) => e.range.start.offset <= e.range.end.offset && e.range.end.offset <= text.length),
      ),
  );
}

/** Every range in an AST, for the same check: a node built from a conjured token would fail it. */
function astRangesInside(text: string, node: unknown): boolean {
  return rangesOfPlainAstInside(text, plainAst(node));
}

function rangesOfPlainAstInside(text: string, node: unknown): boolean {
  if (typeof node !== "object" || node === null) return true;
  const record = node as Record<string, unknown>;
  const range = record["range"] as { start: { offset: number }; end: { offset: number } } | undefined;
  if (
    range &&
    !(range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= text.length)
  )
    return false;
  return Object.values(record).every((value) => rangesOfPlainAstInside(text, value));
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.string({ maxLength: 8, unit: "binary" }),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant("token" as const),
    at: fc.nat(),
    text: fc.constantFrom(...PUNCTUATION, '"', "“", "\n", "/*", "//"),
  }),
);

type Mutation =
  { kind: "insert" | "token"; at: number; text: string } | { kind: "delete"; at: number; length: number };

function mutate(text: string, mutations: readonly Mutation[]): string {
  let result = text;
  for (const m of mutations) {
    const at = result.length === 0 ? 0 : m.at % (result.length + 1);
    if (m.kind === "delete") result = result.slice(0, at) + result.slice(at + m.length);
    else result = result.slice(0, at) + m.text + result.slice(at);
  }
  return result;
}

describe("parser properties", () => {
  it("parses every policy generated from the grammar without a syntax error", () => {
    fc.assert(
      fc.property(policyText, (text) => {
        const result = parsePolicy(text);
        expect(result.diagnostics).toEqual([]);
        expect(result.policy?.version?.text).toMatch(/^\d\.\d$/);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on mutated policies, and keeps every range and fix inside the text", () => {
    const texts = samplePolicies();
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (index, mutations) => {
          const text = mutate(texts[index], mutations);
          const analysis = analyzePolicy(text);
          expect(rangesInside(text, analysis.diagnostics)).toBe(true);
          expect(astRangesInside(text, analysis.policy)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary strings, binary included", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (text) => {
        const analysis = analyzePolicy(text);
        expect(rangesInside(text, analysis.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("hostile input", () => {
  /** A policy whose one value is `depth` calls deep; `tail` goes after it (a comment, say). */
  const nested = (depth: number, tail = "") =>
    `version=1.2; authorizationrules{=> permit();}; issuancerules{c:[type=="a"] => issue(type="x", value=${"AppendString(".repeat(depth)}c.value${', "a")'.repeat(depth)});}; ${tail}`;

  it("reads calls nested MAX_NESTING deep, and every reader after the parser copes with them", () => {
    const text = nested(MAX_NESTING);
    expect(analyzePolicy(text).diagnostics).toEqual([]);
    expect(formatPolicy(text).ok).toBe(true);
  });

  it("reports calls nested deeper than MAX_NESTING at the call that goes past it, on either reader", () => {
    // The astral character in a comment sends the text through the generated parser instead.
    for (const text of [nested(MAX_NESTING + 1), nested(MAX_NESTING + 1, "// 😀"), nested(50_000)]) {
      const { diagnostics } = analyzePolicy(text);
      const [only] = diagnostics;
      expect([diagnostics.length, only.code, only.message]).toEqual([
        1,
        "parser-limit",
        "Function calls nest more than 256 deep here; maa-policy reads no deeper.",
      ]);
      const call = text.indexOf("AppendString(") + "AppendString(".length * MAX_NESTING;
      expect(text.slice(only.range.start.offset, only.range.end.offset + 1)).toBe("AppendString(");
      expect(only.range.start.offset).toBe(call);
    }
  });

  it("decides a call past the limit the same on either reader, whatever else is wrong with the text", () => {
    const deep = `${"F(".repeat(MAX_NESTING + 1)}1${")".repeat(MAX_NESTING + 1)}`;
    // A syntax error in the rule with the deep call: recovery drops the rule, the call with it.
    const text = `version=1.0;\nissuancerules{\n[type==${deep}] => issue(type="a", valu{e=1);\n};\n`;
    const seen = (t: string) => analyzePolicy(t).diagnostics.map((d) => [d.code, d.range.start.offset]);
    expect(seen(text)).toEqual([
      ["mismatched-input", text.indexOf("{e")],
      ["mismatched-input", text.indexOf("=1)")],
    ]);
    // The astral character in a comment sends the text through the generated parser alone.
    expect(seen(`${text}// 😀`)).toEqual(seen(text));
  });

  it("reports nesting that exhausts the generated parser's stack as a diagnostic, not a stack overflow", () => {
    const depth = 50_000;
    const text = `version=1.2; authorizationrules{=> issue(type="😀", value=${"F(".repeat(depth)}1${")".repeat(depth)});};`;
    const analysis = analyzePolicy(text);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(["parser-limit"]);
    expect(analysis.diagnostics[0].message).toBe("The policy is nested too deeply to parse.");
  });

  it("handles astral characters: ranges are UTF-16, the service's columns are code points", () => {
    const text =
      'version=1.0; authorizationrules{ => permit(); }; // 😀\nissuancerules{ => issue(type="😀", value=1) };';
    const analysis = analyzePolicy(text);
    const diagnostic = analysis.diagnostics[0];
    expect(diagnostic.message).toBe("extraneous input '}' expecting ';'");
    expect(text.slice(diagnostic.range.start.offset, diagnostic.range.end.offset)).toBe("}");
    expect(diagnostic.range.start).toEqual({ line: 1, character: 44, offset: 99 });
    expect(diagnostic.syntax?.column).toBe(43);
  });
});
