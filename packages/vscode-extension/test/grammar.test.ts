import { execFile } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/support/temp-dir.js";

// vscode-tmgrammar-test over test/grammar/*.policy: each fixture is a policy whose `// ^^^ scope`
// lines assert the scopes of the line above, with the grammars contributed in package.json.
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(
  dirname(createRequire(import.meta.url).resolve("vscode-tmgrammar-test/package.json")),
  "dist/unit.js",
);
const fixtures = readdirSync(join(root, "test/grammar"))
  .filter((name) => name.endsWith(".policy"))
  .sort();

interface Run {
  readonly code: number;
  readonly stdout: string;
}

/** The tool hangs on some malformed assertion lines, hence the kill timeout. */
function runTool(files: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, "--compact", ...files],
      { cwd: root, timeout: 30_000 },
      (error, stdout) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout });
      },
    );
  });
}

describe("TextMate grammar", () => {
  it.each(fixtures)("%s: every scope assertion holds", async (name) => {
    const file = `test/grammar/${name}`;
    const assertions = readFileSync(join(root, file), "utf8")
      .split("\n")
      .filter((line) => /^\/\/\s*(\^|<[~-])/.test(line));
    // A fixture without assertions would pass vacuously.
    expect(assertions.length).toBeGreaterThan(10);
    const run = await runTool([file]);
    expect(run.stdout.trim()).toBe(`✓ ${file} run successfuly.`);
    expect(run.code).toBe(0);
  });

  it("reports a wrong scope with its line and columns", async () => {
    const dir = tempDir("maa-grammar-");
    const file = join(dir, "wrong.policy");
    writeFileSync(
      file,
      [
        '// SYNTAX TEST "source.maa-policy" "a deliberately wrong assertion"',
        "version=1.0;",
        "// <------- keyword.control.section.maa-policy",
        "",
      ].join("\n"),
    );
    const run = await runTool([file]);
    expect(run.stdout.trim()).toBe(
      `ERROR ${file}:2:1:8 Missing required scopes: [ keyword.control.section.maa-policy ] actual scopes: [source.maa-policy keyword.other.version.maa-policy]`,
    );
    expect(run.code).not.toBe(0);
  });
});
