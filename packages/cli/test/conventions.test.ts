import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { Command } from "commander";
import { registerCommands } from "../src/commands/index.js";
import { VERSION } from "../src/version.js";
import { runCli, spawnCli } from "./run-cli.js";
import { tempDir, writeIn } from "../../../test/support/temp-dir.js";

// What users expect of any modern CLI (issue 13 §3): --version, --quiet, FORCE_COLOR, directories
// and globs, fmt --diff, test --format json/--run/--threshold, -o/--output, one time format.
const dir = tempDir("policy-eval-conventions-");
const file = (name: string, text: string) => writeIn(dir, name, text);
const rel = (path: string) => relative(".", path);

const VALID = "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n";
const MESSY = "version=1.0; authorizationrules{=>permit( );};";
const WARNING = "version=1.0;\nauthorizationrules { => deny(); };\n";
const SYNTAX = 'version=1.0\n [type=="a"] => permit();';

describe("--version", () => {
  it("prints the package's version, in-process and from the built bin", async () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    expect(spawnCli(["-V"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("loads no command for --version alone, one for a command, all for help", async () => {
    const registered = async (argv: string[]) => {
      const program = new Command();
      await registerCommands(program, () => undefined, argv);
      return program.commands.length;
    };
    expect(await registered(["--version"])).toBe(0);
    expect(await registered(["-V"])).toBe(0);
    expect(await registered(["check", "--version"])).toBe(1);
    expect(await registered(["--help"])).toBe(12);
  });
});

describe("--quiet", () => {
  it("check: nothing for a warning-only policy, only the errors otherwise, no summary", async () => {
    const warning = file("quiet/warning.policy", WARNING);
    const broken = file("quiet/broken.policy", SYNTAX);
    expect(await runCli(["check", "--quiet", warning])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await runCli(["-q", "check", warning, broken])).toEqual({
      code: 1,
      stdout:
        `${broken}:2:2: error mismatched-input: mismatched input '[' expecting ';'\n` +
        '  1 | version=1.0\n> 2 |  [type=="a"] => permit();\n    |  ^\n',
      stderr: "",
    });
    // With --strict a warning fails, so it is shown.
    expect((await runCli(["check", "-q", "--strict", warning])).stdout).toMatch(/^.*warning no-permit: /);
  });

  it("test: only failures, no summary", async () => {
    file("quiet/p.policy", VALID);
    const tests = file(
      "quiet/p.test.yaml",
      "policy: p.policy\ntests:\n  - name: ok\n    claims: {}\n  - name: wrong\n    claims: {}\n    expect: { outcome: deny }\n",
    );
    expect(await runCli(["test", "--quiet", tests])).toEqual({
      code: 3,
      stdout: `FAIL ${rel(tests)}: wrong\n  outcome: expected deny, got permit\n`,
      stderr: "",
    });
  });

  it("is listed in every command's help", async () => {
    expect((await runCli(["fmt", "--help"])).stdout).toContain("-q, --quiet");
  });
});

describe("colour", () => {
  const broken = file("colour/broken.policy", SYNTAX);
  const red = "\x1b[31merror mismatched-input\x1b[0m";
  it.each([
    [{ FORCE_COLOR: "1" }, true],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, true],
    [{ FORCE_COLOR: "0" }, false],
    [{ NO_COLOR: "1" }, false],
    [{ TERM: "dumb", FORCE_COLOR: undefined }, false],
  ])("%o on a pipe: colour %s", (env, coloured) => {
    const result = spawnCli(["check", broken], undefined, { NO_COLOR: undefined, ...env });
    expect(result.stdout.includes(red)).toBe(coloured);
  });
});

describe("check and fmt take directories and globs", () => {
  const tree = join(dir, "tree");
  const a = file("tree/a.policy", VALID);
  const b = file("tree/sub/b.maapolicy", MESSY);
  file("tree/node_modules/x/ignored.policy", SYNTAX);
  file("tree/notes.txt", SYNTAX);

  it("a directory: every *.policy and *.maapolicy below it, sorted, node_modules skipped", async () => {
    expect(
      await runCli(["check", "--format", "json", tree]).then((r) => JSON.parse(r.stdout) as unknown),
    ).toEqual([
      { file: a, valid: true, attestationType: { source: "none" }, fixed: [], diagnostics: [] },
      { file: b, valid: true, attestationType: { source: "none" }, fixed: [], diagnostics: [] },
    ]);
    expect(await runCli(["fmt", "--check", tree])).toEqual({ code: 1, stdout: `${b}\n`, stderr: "" });
  });

  it("a quoted glob", async () => {
    expect(await runCli(["fmt", "--check", join(tree, "**/*.maapolicy")])).toEqual({
      code: 1,
      stdout: `${b}\n`,
      stderr: "",
    });
    expect((await runCli(["check", join(tree, "*.policy")])).stdout).toBe("1 file checked: no problems.\n");
  });

  it("a glob that matches nothing, or a directory without policies, is a usage error", async () => {
    const empty = join(tree, "sub", "*.policy");
    expect(await runCli(["check", empty])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${empty}: error: the pattern matches no file\n`,
    });
    const none = tempDir("policy-eval-no-policies-");
    expect(await runCli(["fmt", "--check", none])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${none}: error: no policy files (*.policy, *.maapolicy) below it\n`,
    });
  });
});

describe("fmt --diff", () => {
  it("prints a unified diff and exits 1; a formatted policy prints nothing", async () => {
    const messy = file("diff/messy.policy", MESSY);
    const tidy = file("diff/tidy.policy", VALID);
    expect(await runCli(["fmt", "--diff", messy, tidy])).toEqual({
      code: 1,
      stdout:
        `--- ${messy}\n+++ ${messy}\n@@ -1,1 +1,6 @@\n-${MESSY}\n\\ No newline at end of file\n` +
        VALID.split("\n")
          .slice(0, -1)
          .map((line) => `+${line}\n`)
          .join(""),
      stderr: "",
    });
    expect(readFileSync(messy, "utf8")).toBe(MESSY);
    expect(await runCli(["fmt", "--diff", tidy])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("policy-eval test --run, --format json, --threshold", () => {
  const policy = file(
    "t/p.policy",
    'version=1.0;\nauthorizationrules { => permit(); };\nissuancerules {\n  c:[type=="a"] => issue(type="a", value=c.value);\n  c:[type=="b"] => issue(type="b", value=c.value);\n};\n',
  );
  const tests = file(
    "t/p.test.yaml",
    "policy: p.policy\ntests:\n  - name: issues a\n    claims: { a: 1 }\n    expect: { issued: { a: 1 } }\n  - name: issues b wrongly\n    claims: { b: 2 }\n    expect: { issued: { b: 3 } }\n",
  );

  it("--run picks cases by a regular expression; one that matches none is a usage error", async () => {
    expect(await runCli(["test", tests, "--run", "^issues a$", "-v"])).toEqual({
      code: 0,
      stdout: `PASS ${rel(tests)}: issues a\n${"-".repeat(80)}\nPASS: 1/1\n`,
      stderr: "",
    });
    expect(await runCli(["test", tests, "--run", "nothing"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'policy-eval: error: no test case matches --run "nothing"\n',
    });
    expect((await runCli(["test", tests, "--run", "("])).code).toBe(2);
  });

  it("--format json: every case with its actual result, and the coverage", async () => {
    const result = await runCli(["test", tests, "--format", "json", "--coverage"]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({
      passed: 1,
      failed: 1,
      total: 2,
      cases: [
        {
          file: rel(tests),
          name: "issues a",
          passed: true,
          problems: [],
          actual: { outcome: "permit", issued: [{ type: "a", value: 1 }] },
        },
        {
          file: rel(tests),
          name: "issues b wrongly",
          passed: false,
          problems: ["issued claims differ (- expected, + actual):", "  - b: 3", "  + b: 2"],
          actual: { outcome: "permit", issued: [{ type: "b", value: 2 }] },
        },
      ],
      coverage: {
        percent: 100,
        policies: [{ policy: rel(policy), fired: 3, rules: 3, neverFired: [] }],
      },
    });
  });

  it("--threshold: below it exits 1 and says so; at or above it passes", async () => {
    const only = ["test", tests, "--run", "^issues a$"];
    expect(await runCli([...only, "--threshold", "70"])).toEqual({
      code: 1,
      stdout:
        `${"-".repeat(80)}\nPASS: 1/1\ncoverage: ${rel(policy)}: 2/3 rules fired\n` +
        `  ${rel(policy)}:5:3: issuancerules rule 2 never fired\n` +
        "coverage: 66.67% is below the threshold of 70%\n",
      stderr: "",
    });
    expect((await runCli([...only, "--threshold", "66"])).code).toBe(0);
    expect((await runCli([...only, "--threshold", "101"])).stderr).toBe(
      "policy-eval: error: option '--threshold <percent>' argument '101' is invalid. expected a percentage from 0 to 100\n",
    );
  });
});

describe("-o, --output wherever a command writes its product", () => {
  const policy = file("o/p.policy", VALID);
  const claims = file("o/claims.json", "{}");
  it.each([
    [
      ["check", "--format", "sarif", policy],
      (text: string) => (JSON.parse(text) as { version: string }).version,
      "2.1.0",
    ],
    [["eval", policy, "--claims", claims], (text: string) => text, "permitted: 0 claims issued\n"],
    [["hash", policy], (text: string) => text.split(" ")[0], "x-ms-policy-hash"],
    [["fmt", file("o/messy.policy", MESSY)], (text: string) => text, VALID],
    [["token", "encode", policy], (text: string) => text.split(".").length, 3],
  ])("%o", async (argv, read, expected) => {
    const out = join(dir, "o", `${argv[0]}.out`);
    expect(await runCli([...argv, "-o", out])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(read(readFileSync(out, "utf8"))).toBe(expected);
  });

  it("test writes its report too", async () => {
    const tests = file("o/p.test.yaml", "policy: p.policy\ntests:\n  - claims: {}\n");
    const out = join(dir, "o", "report.json");
    expect(await runCli(["test", tests, "--format", "json", "--output", out])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect((JSON.parse(readFileSync(out, "utf8")) as { passed: number }).passed).toBe(1);
  });
});

describe("--now and --at take the same forms", () => {
  const policy = file("time/p.policy", VALID);
  const claims = file("time/claims.json", "{}");
  const iat = async (now: string) => {
    const token = (await runCli(["eval", policy, "--claims", claims, "--format", "token", "--now", now]))
      .stdout;
    return (JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as { iat: number }).iat;
  };

  it.each([
    ["1700000000", 1700000000],
    ["2023-11-14T22:13:20Z", 1700000000],
    ["2023-11-14", 1699920000],
  ])("--now %s", async (now, seconds) => {
    expect(await iat(now)).toBe(seconds);
  });

  it.each(["1700000000", "2023-11-14T22:13:20Z", "2023-11-14"])("--at %s", async (at) => {
    const token = file("time/t.jwt", (await runCli(["token", "encode", policy])).stdout);
    expect((await runCli(["token", "verify", token, "--at", at])).code).toBe(0);
  });

  it.each([
    ["eval", "--now"],
    ["token", "--at"],
  ])("a time in neither form is refused alike (%s %s)", async (command, flag) => {
    const argv =
      command === "eval"
        ? ["eval", policy, "--claims", claims, flag, "March 7"]
        : ["token", "verify", "x.jwt", flag, "March 7"];
    expect(await runCli(argv)).toEqual({
      code: 2,
      stdout: "",
      stderr: `policy-eval: error: option '${flag} <time>' argument 'March 7' is invalid. 'March 7' is neither seconds since the epoch nor an ISO 8601 date\n`,
    });
  });
});

describe("the shipped example", () => {
  const examples = new URL("../../../examples/", import.meta.url).pathname;
  it("passes its own fmt --check and check --strict", async () => {
    expect(await runCli(["fmt", "--check", examples])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect((await runCli(["check", "--strict", examples])).code).toBe(0);
  });

  it("has a test file beside it that passes and fires every rule", async () => {
    expect(await runCli(["test", examples, "--threshold", "100", "--quiet"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });
});
