import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { USAGE } from "../src/command-line.js";
import { VERSION } from "../src/version.js";
import { BIN } from "./harness.js";

/** The built bin, as a user types it in a shell before wiring it into an editor. */
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 10_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe("maa-policy-lsp on the command line", () => {
  it("--help and -h print the usage", () => {
    expect(run("--help")).toEqual({ code: 0, stdout: USAGE, stderr: "" });
    expect(run("-h").stdout).toBe(USAGE);
    expect(USAGE.startsWith("Usage: maa-policy-lsp --stdio\n")).toBe(true);
  });

  it("--version prints the package's version", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
    expect(run("--version")).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it.each([
    [[], "no transport given"],
    [["--bogus"], "no transport among --bogus"],
  ])("%o: exit 2 with the usage, no stack trace", (args, problem) => {
    expect(run(...args)).toEqual({
      code: 2,
      stdout: "",
      stderr: `maa-policy-lsp: error: ${problem}\n\n${USAGE}`,
    });
  });
});
