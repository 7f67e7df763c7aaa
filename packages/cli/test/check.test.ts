import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-check-");
function policyFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
const SYNTAX = 'version=1.0\n [type=="a"] => permit();';
const WARNING = "version=1.0;\nauthorizationrules { => deny(); };\n";

describe("policy-eval check", () => {
  it("exits 0 and says so for a valid policy", async () => {
    const file = policyFile("valid.policy", VALID);
    expect(await runCli(["check", file])).toEqual({
      code: 0,
      stdout: "1 file checked: no problems.\n",
      stderr: "",
    });
  });

  it("prints file:line:col, the code, ANTLR's message and a code frame, and exits 1", async () => {
    const file = policyFile("syntax.policy", SYNTAX);
    const result = await runCli(["check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `${file}:2:2: error mismatched-input: mismatched input '[' expecting ';'\n` +
        "  1 | version=1.0\n" +
        '> 2 |  [type=="a"] => permit();\n' +
        "    |  ^\n" +
        "\n1 file checked: 1 error, 0 warnings.\n",
    );
  });

  it("shows a window of a long line around the error, cut with …", async () => {
    const long = `version=1.0; authorizationrules { ${"=> permit(); ".repeat(20)}=> permit() }; issuancerules {}; // ${"x".repeat(200)}`;
    const file = policyFile("long.policy", long);
    const result = await runCli(["check", file]);
    expect(result.stdout.split("\n").slice(0, 3)).toEqual([
      `${file}:1:307: error extraneous-input: extraneous input '}' expecting ';'`,
      `> 1 | …; => permit(); => permit(); => permit() }; issuancerules {}; // ${"x".repeat(56)}…`,
      `    | ${" ".repeat(41)}^`,
    ]);
  });

  it("passes warnings unless --strict", async () => {
    const file = policyFile("warning.policy", WARNING);
    expect((await runCli(["check", file])).code).toBe(0);
    expect((await runCli(["check", "--strict", file])).code).toBe(1);
  });

  it("renders the service's PolicyParsingError with --format service", async () => {
    const file = policyFile("service.policy", SYNTAX);
    const result = await runCli(["check", "--format", "service", file]);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Policy Parser Exception Thrown: Offending symbol: '['",
      "Line: '2', Column: '1'",
      "Failure message: 'mismatched input '[' expecting ';''",
      "Failing rule: 'policy > versionInfo'",
    ]);
    const body = JSON.parse(lines[4]) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("PolicyParsingError");
    expect(body.error.message).toContain(`Msg:[${lines.slice(0, 4).join("\n")}]`);
  });

  it("reports JSON with the core's 0-based ranges", async () => {
    const file = policyFile("json.policy", SYNTAX);
    const result = await runCli(["check", "--format", "json", file]);
    const report = JSON.parse(result.stdout) as {
      file: string;
      valid: boolean;
      diagnostics: { code: string; range: unknown }[];
    }[];
    expect(report).toHaveLength(1);
    expect(report[0].valid).toBe(false);
    expect(report[0].diagnostics[0].code).toBe("mismatched-input");
    expect(report[0].diagnostics[0].range).toEqual({
      start: { line: 1, character: 1, offset: 13 },
      end: { line: 1, character: 2, offset: 14 },
    });
  });

  it("writes SARIF 2.1.0 with rules, 1-based regions and fixes", async () => {
    const file = policyFile(
      "sarif.policy",
      'version=1.0;\nauthorizationrules { c:[type="x"] => permit(); };\n',
    );
    const result = await runCli(["check", "--format", "sarif", file]);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(["mismatched-input"]);
    const first = log.runs[0].results[0];
    expect(first["ruleId"]).toBe("mismatched-input");
    expect(first["level"]).toBe("error");
    expect(first["locations"]).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: file },
          region: { startLine: 2, startColumn: 29, endLine: 2, endColumn: 30 },
        },
      },
    ]);
    expect(first["fixes"]).toEqual([
      {
        description: { text: "Change '=' to '=='" },
        artifactChanges: [
          {
            artifactLocation: { uri: file },
            replacements: [
              {
                deletedRegion: { startLine: 2, startColumn: 29, endLine: 2, endColumn: 30 },
                insertedContent: { text: "==" },
              },
            ],
          },
        ],
      },
    ]);
  });

  it("--fix repairs the file in place, in as many rounds as it takes", async () => {
    const file = policyFile(
      "fix.policy",
      'Version=1.0;\nauthorizationrules { c:[type="x"] => permit() };\nissuancerules { c:[type=="x"] => issue(type="y", value=c.valeu); };\n',
    );
    const result = await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(
      'version=1.0;\nauthorizationrules { c:[type=="x"] => permit(); };\nissuancerules { c:[type=="x"] => issue(type="y", value=c.value); };\n',
    );
    expect(result).toEqual({
      code: 0,
      stdout:
        `${file}:1: fixed: Change to 'version'\n` +
        `${file}:2: fixed: Change '=' to '=='\n` +
        `${file}:2: fixed: Insert ';'\n` +
        `${file}:3: fixed: Change to 'value'\n` +
        "1 file checked: no problems.\n",
      stderr: "",
    });
  });

  it("reads standard input for '-' and, with --fix, prints the fixed policy", async () => {
    const result = await runCli(
      ["check", "--fix", "-"],
      "version=1.0; authorizationrules{=> permit()}; issuancerules{};",
    );
    expect(result.stdout).toBe("version=1.0; authorizationrules{=> permit();}; issuancerules{};");
    expect(result.stderr).toBe("<stdin>:1: fixed: Insert ';'\n1 file checked: no problems.\n");
    expect(result.code).toBe(0);
  });

  it("exits 2 for a file it cannot read, and still checks the others", async () => {
    const file = policyFile("other.policy", SYNTAX);
    const result = await runCli(["check", join(dir, "missing.policy"), file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${join(dir, "missing.policy")}: error: no such file\n`);
    expect(result.stdout).toContain(`${file}:2:2: error mismatched-input`);
  });

  it("exits 2 on usage errors without a stack trace", async () => {
    const result = await runCli(["check", "--format", "xml", "x.policy"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "policy-eval: error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, service, sarif.\n",
    );
  });

  it("caps what it prints for a file full of garbage", async () => {
    const file = policyFile("binary.policy", "\u0000\u0001#$%".repeat(200));
    const result = await runCli(["check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/: error /g)).toHaveLength(50);
    expect(result.stdout).toContain(`${file}: … and `);
  });

  it("runs as a real process: colour only on a terminal, exit codes intact", () => {
    const file = policyFile("spawned.policy", SYNTAX);
    const result = spawnCli(["check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("\x1b[");
    expect(result.stdout.startsWith(`${file}:2:2: error mismatched-input`)).toBe(true);
    const stdin = spawnCli(["check", "-"], VALID);
    expect(stdin).toEqual({ code: 0, stdout: "1 file checked: no problems.\n", stderr: "" });
  });
});
