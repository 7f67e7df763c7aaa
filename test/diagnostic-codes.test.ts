import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECKER_CODES, SYNTAX_CODES } from "@maa-policy/parser";
import { expect, it } from "vitest";

const docs = readFileSync(join(import.meta.dirname, "..", "docs", "diagnostics.md"), "utf8");

/** The codes in the first column of the table under a `## heading`, in order. */
function documented(heading: string): string[] {
  const section = docs.split(/^## /m).find((part) => part.startsWith(heading)) ?? "";
  return [...section.matchAll(/^\| `([a-z-]+)`/gm)].map((match) => match[1]);
}

it("docs/diagnostics.md lists exactly the syntax codes, then exactly the checker codes", () => {
  expect(documented("Syntax")).toEqual([...SYNTAX_CODES]);
  expect(documented("Checker")).toEqual([...CHECKER_CODES]);
});

/** No input of this grammar reaches these (docs/diagnostics.md says so beside each). */
const UNREACHABLE = ["no-viable-alternative", "syntax-error"];

it("every reachable code has an error fixture that shows it", () => {
  const root = join(import.meta.dirname, "fixtures", "_error_");
  const shown = readdirSync(root)
    .map((name) => readFileSync(join(root, name, "output.snap"), "utf8"))
    .join("\n");
  const missing = [...SYNTAX_CODES, ...CHECKER_CODES].filter(
    (code) =>
      !UNREACHABLE.includes(code) && !new RegExp(`: (error|warning|information|hint) ${code}:`).test(shown),
  );
  expect(missing).toEqual([]);
});
