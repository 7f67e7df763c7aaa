import { describe, expect, it } from "vitest";
import { analyzePolicy, plainAst, serviceParsingError } from "@maa-policy/parser";
import { MAX_DIAGNOSTICS, MAX_EXCERPT_CHARS, MAX_SYNTAX_ERRORS } from "../src/limits.js";

const HEADER = "version=1.0;\nauthorizationrules { => permit(); };\nissuancerules {\n";

describe("error-dense text is read in bounded time: the parser stops after the limit", () => {
  it(`reports ${MAX_SYNTAX_ERRORS} syntax errors of 40 KB of '[' and one line that says it stopped`, () => {
    const text = `${HEADER}${"[".repeat(40_000)}\n};`;
    const analysis = analyzePolicy(text);
    expect(analysis.diagnostics).toHaveLength(MAX_SYNTAX_ERRORS + 1);
    expect(analysis.diagnostics.slice(0, MAX_SYNTAX_ERRORS).every((d) => d.severity === "error")).toBe(true);
    expect(analysis.diagnostics.at(-1)).toEqual({
      code: "too-many-errors",
      severity: "information",
      message: `More than ${MAX_SYNTAX_ERRORS} syntax errors: maa-policy stopped reading here (the service reports only the first).`,
      range: analysis.diagnostics.at(-1)!.range,
    });
    // The service's answer is the first error, whatever follows it.
    expect(serviceParsingError(analysis)?.message).toBe(
      "Policy Parser Exception Thrown: Offending symbol: '['\n" +
        "Line: '4', Column: '1'\n" +
        "Failure message: 'mismatched input '[' expecting IDENTIFIER'\n" +
        "Failing rule: 'policy > issuanceRules > rule > condition > propertyCondition'",
    );
    expect(serviceParsingError(analysis)).toEqual(serviceParsingError(analyzePolicy(`${HEADER}[[\n};`)));
  });

  it("keeps what it read before it stopped: finished sections, and the finished rules of the one it was in", () => {
    const text = `${HEADER}  => issue(type="a", value=1);\n  ${"=> ;\n".repeat(200)}};`;
    const analysis = analyzePolicy(text);
    expect(analysis.diagnostics.at(-1)?.code).toBe("too-many-errors");
    const { sections } = plainAst(analysis.policy!) as { sections: { name: string; rules: unknown[] }[] };
    expect(sections.map((s) => [s.name, s.rules.length])).toEqual([
      ["authorizationrules", 1],
      ["issuancerules", 1],
    ]);
  });

  it("stops at the limit on a flood of characters the lexer cannot read", () => {
    const analysis = analyzePolicy(`${HEADER}${"§".repeat(5_000)}\n};`);
    expect(analysis.diagnostics).toHaveLength(MAX_SYNTAX_ERRORS + 1);
    expect(analysis.diagnostics[0].message).toBe("token recognition error at: '§'");
  });

  it(`reports at most ${MAX_DIAGNOSTICS} of the checker's findings, then how many more there were`, () => {
    const text = `version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n${'  => issue(type="a", value=Nope());\n'.repeat(MAX_DIAGNOSTICS + 200)}};`;
    const analysis = analyzePolicy(text);
    expect(analysis.hasErrors).toBe(true);
    expect(analysis.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const last = analysis.diagnostics.at(-1)!;
    expect([last.code, last.severity, last.message, last.range.start.line]).toEqual([
      "too-many-errors",
      "information",
      `200 more problems not shown: maa-policy reports the first ${MAX_DIAGNOSTICS}.`,
      3 + MAX_DIAGNOSTICS,
    ]);
  });
});

describe("an unterminated string or comment is echoed as a bounded excerpt", () => {
  it.each([
    ["comment", "/* ", "y"],
    ["string", '[type=="', "x"],
  ])("an unterminated %s of a megabyte", (_name, opening, filler) => {
    const text = `version=1.0; authorizationrules { ${opening}${filler.repeat(1 << 20)}`;
    const [first] = analyzePolicy(text).diagnostics;
    const start = opening.includes('"') ? '"' : "/* ";
    const excerpt = `${start}${filler.repeat(MAX_EXCERPT_CHARS - start.length)}…`;
    expect([first.message, first.syntax?.offendingSymbol]).toEqual([
      `token recognition error at: '${excerpt}'`,
      excerpt,
    ]);
  });
});
