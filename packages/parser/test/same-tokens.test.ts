import { describe, expect, it } from "vitest";
import { sameTokens } from "../src/format/same-policy.js";

/** The formatter's last guard: output that is not the input with other whitespace is never written. */
describe("sameTokens", () => {
  const input = 'version=1.2; // note\nauthorizationrules { [type=="a", value==1] => permit(); /* b */ };';

  it("holds when only the whitespace between tokens differs", () => {
    const reformatted =
      'version = 1.2; // note\n\nauthorizationrules\n{\n    [type == "a", value == 1] => permit(); /* b */\n};\n';
    expect(sameTokens(input, reformatted)).toBe(true);
  });

  it.each([
    ["a token changed", input.replace("value==1", "value==2")],
    ["a token split in two", input.replace("[type", "[ty pe")],
    ["a comment's text changed", input.replace("// note", "//  note")],
    ["a comment dropped", input.replace(" /* b */", "")],
    ["a token added", input.replace("permit();", "permit();;")],
    ["a lexer error", input.replace("value", "val#ue")],
  ])("fails when %s", (_what, output) => {
    expect(sameTokens(input, output)).toBe(false);
  });
});
