import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatPolicy, parsePolicy, stripRanges, type FormatOptions } from "../src/index.js";

// Each case is a folder with `input.policy` and the expected `output.policy` (regenerated with
// `npx vitest run -u`, reviewed as a diff), and optionally `options.json` with FormatOptions.
const root = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "format");
const cases = readdirSync(root).sort();

describe("format fixtures", () => {
  it.each(cases)("%s", async (name) => {
    const dir = join(root, name);
    const input = readFileSync(join(dir, "input.policy"), "utf8");
    const optionsFile = join(dir, "options.json");
    const options = existsSync(optionsFile)
      ? (JSON.parse(readFileSync(optionsFile, "utf8")) as FormatOptions)
      : {};
    const result = formatPolicy(input, options);
    if (!result.ok) throw new Error(result.reason);
    await expect(result.text).toMatchFileSnapshot(join(dir, "output.policy"));
    expect(formatPolicy(result.text, options)).toEqual({ ok: true, text: result.text, edits: [] });
    expect(stripRanges(parsePolicy(result.text).policy)).toEqual(stripRanges(parsePolicy(input).policy));
  });
});
