import { describe, expect, it } from "vitest";
import { applyEdits, formatPolicy, formatRange, LineIndex, type FormatResult } from "../src/index.js";

function text(result: FormatResult): string {
  if (!result.ok) throw new Error(result.reason);
  return result.text;
}

describe("formatPolicy", () => {
  it("refuses a policy with syntax errors, saying where", () => {
    expect(formatPolicy('version=1.0\n [type=="a"] => permit();')).toEqual({
      ok: false,
      reason:
        "The policy has syntax errors (line 2: mismatched input '[' expecting ';'); fix them before formatting.",
    });
    expect(formatPolicy("")).toEqual({
      ok: false,
      reason:
        "The policy has syntax errors (line 1: mismatched input '<EOF>' expecting 'version'); fix them before formatting.",
    });
  });

  it.each([
    [{ indent: -1 }, "indent must be a whole number from 0 to 16, not -1"],
    [{ indent: 2.5 }, "indent must be a whole number from 0 to 16, not 2.5"],
    [{ maxLineWidth: 0 }, "maxLineWidth must be a positive whole number, not 0"],
    [{ lineEnding: "\r" as "\n" }, 'lineEnding must be "\\n" or "\\r\\n"'],
  ])("refuses the option %j", (options, reason) => {
    expect(formatPolicy("version=1.0;", options)).toEqual({ ok: false, reason });
  });

  it("edits only the whitespace that changes, one edit a gap", () => {
    const input = "version=1.0;\n\nauthorizationrules\n{\n    =>  permit();\n};\n";
    const lines = new LineIndex(input);
    const gap = input.indexOf("=>  ") + 2;
    const result = formatPolicy(input);
    expect(result).toEqual({
      ok: true,
      text: "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n",
      edits: [{ range: lines.range(gap, gap + 2), newText: " " }],
    });
  });

  it("gives no edits for a canonical policy", () => {
    const canonical = 'version=1.2;\n\nauthorizationrules\n{\n    [type=="a"] => permit();\n};\n';
    expect(formatPolicy(canonical)).toEqual({ ok: true, text: canonical, edits: [] });
  });

  it("keeps CRLF line endings, and writes the one asked for", () => {
    const input = "version=1.0;\r\nauthorizationrules{=>permit();};\r\n";
    expect(text(formatPolicy(input))).toBe(
      "version=1.0;\r\n\r\nauthorizationrules\r\n{\r\n    => permit();\r\n};\r\n",
    );
    expect(text(formatPolicy(input, { lineEnding: "\n" }))).toBe(
      "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n",
    );
    expect(text(formatPolicy("version=1.0;\nauthorizationrules{=>permit();};", { lineEnding: "\r\n" }))).toBe(
      "version=1.0;\r\n\r\nauthorizationrules\r\n{\r\n    => permit();\r\n};\r\n",
    );
  });

  it("keeps the version as written and a leading byte-order mark", () => {
    expect(text(formatPolicy("\uFEFF  version = 01.00 ;"))).toBe("\uFEFFversion=01.00;\n");
  });

  it("replaces every kind of whitespace the grammar skips, and lone CR line breaks", () => {
    expect(
      text(formatPolicy("version=1.0;\u00A0authorizationrules\f{\u000B=>\tpermit();\r\r\r=>deny();};")),
    ).toBe("version=1.0;\n\nauthorizationrules\n{\n    => permit();\n\n    => deny();\n};\n");
  });

  it("wraps a rule at the line width: conditions aligned, the action on its own line", () => {
    const input = 'version=1.0; authorizationrules { [type=="a", value==1] && [type=="b"] => permit(); };';
    expect(text(formatPolicy(input, { maxLineWidth: 30, indent: 2 }))).toBe(
      'version=1.0;\n\nauthorizationrules\n{\n  [type=="a", value==1] &&\n  [type=="b"]\n    => permit();\n};\n',
    );
    expect(text(formatPolicy(input, { maxLineWidth: 56, indent: 2 }))).toBe(
      'version=1.0;\n\nauthorizationrules\n{\n  [type=="a", value==1] && [type=="b"] => permit();\n};\n',
    );
  });

  it("formats a policy with characters beyond U+FFFF, which the generated parser reads", () => {
    const input = 'version=1.0;authorizationrules{/* \u{1F600} */\n[type=="\u{1F600}"]=>permit();};';
    expect(text(formatPolicy(input))).toBe(
      'version=1.0;\n\nauthorizationrules\n{ /* \u{1F600} */\n    [type=="\u{1F600}"] => permit();\n};\n',
    );
  });

  it("wraps a rule that holds a line comment, whatever its width", () => {
    const input = 'version=1.0; authorizationrules { [type=="a"] && // why\n [type=="b"] => permit(); };';
    expect(text(formatPolicy(input))).toBe(
      'version=1.0;\n\nauthorizationrules\n{\n    [type=="a"] && // why\n    [type=="b"]\n        => permit();\n};\n',
    );
  });
});

describe("formatRange", () => {
  const input = [
    "version = 1.0;",
    "authorizationrules {",
    '[type=="a"]=>permit();',
    '[type=="b"]=>permit();',
    "};",
    "issuancerules {  };",
    "",
  ].join("\n");
  const lines = new LineIndex(input);

  it("formats only the rules the range touches", () => {
    const result = formatRange(input, lines.range(lines.offsetAt(3, 2), lines.offsetAt(3, 3)));
    expect(text(result)).toBe(input.replace('\n[type=="b"]=>permit();', '\n    [type=="b"] => permit();'));
    if (result.ok) expect(applyEdits(input, result.edits)).toBe(result.text);
  });

  it("formats a whole section when the range touches its keyword or braces", () => {
    const result = formatRange(input, lines.range(lines.offsetAt(5, 0), lines.offsetAt(5, 3)));
    expect(text(result)).toBe(input.replace("issuancerules {  };", "\nissuancerules\n{\n};"));
  });

  it("formats the version line", () => {
    const result = formatRange(input, lines.range(0, 1));
    expect(text(result)).toBe(input.replace("version = 1.0;", "version=1.0;"));
  });

  it("equals formatPolicy for a range over the whole text", () => {
    expect(formatRange(input, lines.range(0, input.length))).toEqual(formatPolicy(input));
  });

  it("refuses a policy with syntax errors", () => {
    expect(formatRange("version=1.0", lines.range(0, 1)).ok).toBe(false);
  });
});
