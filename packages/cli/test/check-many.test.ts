import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePolicy } from "@maa-policy/parser";
import { tempDir } from "../../../test/support/temp-dir.js";
// The built module: its worker script exists only beside it in dist/ (and in the bundle).
import { analyzeMany, FILES_PER_WORKER } from "../dist/analyze-many.js";
import { runCli, spawnCli } from "./run-cli.js";

const EXAMPLE = readFileSync(new URL("../../../examples/sgx-enclave.policy", import.meta.url), "utf8");

/** Valid policies, and every few files one with a syntax error, a checker error or a warning. */
function policy(i: number): string {
  if (i % 7 === 3) return EXAMPLE.replace("permit();", "permit();;");
  if (i % 11 === 5) return EXAMPLE.replace("=>", "= >");
  if (i % 13 === 2) return EXAMPLE.replace('type="enclave-svn"', 'type="x-ms-sgx-svn", issuer="me"');
  if (i % 17 === 1) return `version=1.0;\nauthorizationrules { => deny(); };\n// ${i}\n`;
  return EXAMPLE;
}

const COUNT = 2 * FILES_PER_WORKER + 10;

describe("check over many files", () => {
  const dir = tempDir("policy-eval-many-");
  const files = Array.from({ length: COUNT }, (_, i) => {
    const file = join(dir, `p${String(i).padStart(4, "0")}.policy`);
    writeFileSync(file, policy(i));
    return file;
  });
  const missing = join(dir, "missing.policy");

  it("answers as it does file by file: the same report, in the same order, and the same exit code", async () => {
    // In-process, from the sources, there is no worker script: every file is analysed on one thread.
    for (const format of ["text", "json"]) {
      const args = ["check", "--format", format, ...files.slice(0, 300), missing, ...files.slice(300)];
      const process = spawnCli(args);
      const oneThread = await runCli(args);
      expect(process).toEqual(oneThread);
      expect(process.code).toBe(2);
      expect(process.stderr).toBe(`${missing}: error: no such file\n`);
    }
    const report = spawnCli(["check", dir]);
    expect([report.code, report.stdout.split("\n").at(-2)]).toEqual([
      1,
      `${COUNT} files checked: 112 errors, 23 warnings.`,
    ]);
  });

  it("finds on worker threads what analyzePolicy finds", async () => {
    const texts = Array.from({ length: 120 }, (_, i) => policy(i));
    const analyses = await analyzeMany(
      texts,
      texts.map(() => ({ attestationType: "sgx" as const })),
      2,
    );
    expect(analyses).toHaveLength(texts.length);
    texts.forEach((text, i) => {
      const expected = analyzePolicy(text, { attestationType: "sgx" });
      expect(analyses[i].diagnostics).toEqual(expected.diagnostics);
      expect(analyses[i].hasErrors).toBe(expected.hasErrors);
      expect(analyses[i].attestationType).toEqual(expected.attestationType);
      expect(analyses[i].source.lines.lineText(3)).toBe(expected.source.lines.lineText(3));
    });
  });

  it("shares texts sent in one batch, in several, or none, and leaves none out", async () => {
    for (const count of [0, 5, 33, 100]) {
      const texts = Array.from({ length: count }, (_, i) => policy(i));
      const analyses = await analyzeMany(
        texts,
        texts.map(() => ({})),
        3,
      );
      expect(analyses.map((a) => a.diagnostics)).toEqual(texts.map((t) => analyzePolicy(t).diagnostics));
    }
  });
});
