import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-fmt-");
function policyFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const MESSY = "version=1.0; authorizationrules{=>permit( );};";
const FORMATTED = "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n";
const SYNTAX = 'version=1.0\n [type=="a"] => permit();';
const SYNTAX_REASON =
  "error: not formatted: The policy has syntax errors (line 2: mismatched input '[' expecting ';'); fix them before formatting.";

describe("policy-eval fmt", () => {
  it("prints one formatted policy", async () => {
    const file = policyFile("print.policy", MESSY);
    expect(await runCli(["fmt", file])).toEqual({ code: 0, stdout: FORMATTED, stderr: "" });
    expect(readFileSync(file, "utf8")).toBe(MESSY);
  });

  it("reads standard input for '-'", async () => {
    expect(await runCli(["fmt", "-"], MESSY)).toEqual({ code: 0, stdout: FORMATTED, stderr: "" });
    expect(await runCli(["fmt", "--write", "-"], MESSY)).toEqual({ code: 0, stdout: FORMATTED, stderr: "" });
  });

  it("takes --indent and --line-width", async () => {
    const file = policyFile(
      "options.policy",
      'version=1.0; authorizationrules{[type=="a"] && [type=="b"] => permit();};',
    );
    expect((await runCli(["fmt", "--indent", "2", "--line-width", "20", file])).stdout).toBe(
      'version=1.0;\n\nauthorizationrules\n{\n  [type=="a"] &&\n  [type=="b"]\n    => permit();\n};\n',
    );
  });

  it("rewrites files in place with --write, leaving formatted ones alone", async () => {
    const messy = policyFile("write.policy", MESSY);
    const tidy = policyFile("tidy.policy", FORMATTED);
    expect(await runCli(["fmt", "--write", messy, tidy])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(messy, "utf8")).toBe(FORMATTED);
    expect(readFileSync(tidy, "utf8")).toBe(FORMATTED);
  });

  it("lists the files that would change with --check and exits 1, changing nothing", async () => {
    const messy = policyFile("check.policy", MESSY);
    const tidy = policyFile("check-tidy.policy", FORMATTED);
    expect(await runCli(["fmt", "--check", messy, tidy])).toEqual({
      code: 1,
      stdout: `${messy}\n`,
      stderr: "",
    });
    expect(readFileSync(messy, "utf8")).toBe(MESSY);
    expect(await runCli(["fmt", "--check", tidy])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await runCli(["fmt", "--check", "-"], MESSY)).toEqual({
      code: 1,
      stdout: "<stdin>\n",
      stderr: "",
    });
  });

  it("reports a policy with syntax errors, exits 1 and leaves it untouched", async () => {
    const broken = policyFile("broken.policy", SYNTAX);
    const messy = policyFile("beside-broken.policy", MESSY);
    expect(await runCli(["fmt", "--write", broken, messy])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${broken}: ${SYNTAX_REASON}\n`,
    });
    expect(readFileSync(broken, "utf8")).toBe(SYNTAX);
    expect(readFileSync(messy, "utf8")).toBe(FORMATTED);
    expect(await runCli(["fmt", "-"], SYNTAX)).toEqual({
      code: 1,
      stdout: "",
      stderr: `<stdin>: ${SYNTAX_REASON}\n`,
    });
  });

  it("exits 2 for input it cannot read", async () => {
    const missing = join(dir, "missing.policy");
    expect(await runCli(["fmt", missing])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${missing}: error: no such file\n`,
    });
  });

  it("keeps going past an unreadable file and exits with the worst code", async () => {
    const messy = policyFile("after-missing.policy", MESSY);
    const result = await runCli(["fmt", "--check", join(dir, "nope.policy"), messy]);
    expect(result).toEqual({
      code: 2,
      stdout: `${messy}\n`,
      stderr: `${join(dir, "nope.policy")}: error: no such file\n`,
    });
  });

  it.each([
    [
      ["fmt", "a.policy", "b.policy"],
      "policy-eval: error: fmt prints one policy; give --write, --check or --diff for several files\n",
    ],
    [
      ["fmt", "--check", "--write", "a.policy"],
      "policy-eval: error: option '--check' cannot be used with option '--write'\n",
    ],
    [
      ["fmt", "--indent", "x", "a.policy"],
      "policy-eval: error: option '--indent <spaces>' argument 'x' is invalid. expected a whole number from 0 to 16\n",
    ],
    [
      ["fmt", "--line-width", "0", "a.policy"],
      "policy-eval: error: option '--line-width <columns>' argument '0' is invalid. expected a whole number from 1 to 10000\n",
    ],
  ])("is a usage error: %j", async (argv, stderr) => {
    expect(await runCli(argv)).toEqual({ code: 2, stdout: "", stderr });
  });
});

describe("the built policy-eval fmt", () => {
  it("formats standard input byte for byte, CRLF included", () => {
    expect(spawnCli(["fmt", "-"], MESSY.replace(" ", "\r\n"))).toEqual({
      code: 0,
      stdout: FORMATTED.replaceAll("\n", "\r\n"),
      stderr: "",
    });
  });
});
