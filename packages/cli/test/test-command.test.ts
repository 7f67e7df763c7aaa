import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir, writeIn } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-test-");
const file = (name: string, text: string) => writeIn(dir, name, text);
const rel = (path: string) => relative(".", path);

const POLICY = file(
  "sgx.policy",
  'version=1.0;\nauthorizationrules {\n  [type=="x-ms-sgx-is-debuggable", value==false] => permit();\n};\nissuancerules {\n  c:[type=="x-ms-sgx-mrsigner"] => issue(type="signer", value=c.value);\n  c:[type=="x-ms-sgx-svn"] => issue(type="svn", value=c.value);\n};\n',
);
const NO_PERMIT =
  "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.";

const passing = file(
  "ok/sgx.test.yaml",
  `policy: ../sgx.policy
tests:
  - name: release enclave
    claims: { x-ms-sgx-is-debuggable: false, x-ms-sgx-mrsigner: ab }
    expect: { outcome: permit, issued: { signer: ab } }
  - name: debug enclave
    claims: [{ type: x-ms-sgx-is-debuggable, value: true }]
    expect: { outcome: no-permit, error: "${NO_PERMIT}" }
`,
);
const failing = file(
  "bad/sgx.test.json",
  JSON.stringify({
    policy: "../sgx.policy",
    tests: [
      {
        name: "wrong",
        claims: { "x-ms-sgx-is-debuggable": false, "x-ms-sgx-svn": 2 },
        expect: { outcome: "deny", issued: { svn: 3 } },
      },
    ],
  }),
);

describe("policy-eval test", () => {
  it("all cases pass: exit 0 and the summary", async () => {
    expect(await runCli(["test", passing])).toEqual({
      code: 0,
      stdout: `${"-".repeat(80)}\nPASS: 2/2\n`,
      stderr: "",
    });
  });

  it("--verbose lists the passing cases", async () => {
    const result = await runCli(["test", passing, "--verbose"]);
    expect(result.stdout).toBe(
      `PASS ${rel(passing)}: release enclave\nPASS ${rel(passing)}: debug enclave\n${"-".repeat(80)}\nPASS: 2/2\n`,
    );
  });

  it("a failing case: exit 3, actual against expected", async () => {
    expect(await runCli(["test", failing])).toEqual({
      code: 3,
      stdout: `FAIL ${rel(failing)}: wrong\n  outcome: expected deny, got permit\n  issued claims differ (- expected, + actual):\n    - svn: 3\n    + svn: 2\n${"-".repeat(80)}\nFAIL: 1/1\n`,
      stderr: "",
    });
  });

  it("a directory is searched; --coverage lists the rules that never fired", async () => {
    const result = await runCli(["test", join(dir, "ok"), "--coverage"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${"-".repeat(80)}\nPASS: 2/2\ncoverage: ${rel(POLICY)}: 2/3 rules fired\n  ${rel(POLICY)}:7:3: issuancerules rule 2 never fired\n`,
    );
  });

  it("an invalid policy: exit 1 with check's diagnostics", async () => {
    file("broken.policy", "version=1.0\n");
    const test = file("broken/x.test.yaml", "policy: ../broken.policy\ntests:\n  - claims: {}\n");
    const result = await runCli(["test", test]);
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(`${rel(join(dir, "broken.policy"))}:2:1: error`)).toBe(true);
  });

  it.each([
    [
      "YAML syntax",
      "t1.test.yaml",
      "policy: [\n",
      (p: string) =>
        `${p}:2:1: error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ],
    [
      "no policy",
      "t2.test.yaml",
      "tests: []\n",
      (p: string) => `${p}:1:1: error: policy: required: the policy file's path, relative to this test file.`,
    ],
    [
      "no cases",
      "t3.test.yaml",
      "policy: sgx.policy\ntests: []\n",
      (p: string) => `${p}:2:8: error: tests: must not be empty`,
    ],
    [
      "bad outcome",
      "t4.test.yaml",
      "policy: sgx.policy\ntests:\n  - claims: {}\n    expect: { outcome: allow }\n",
      (p: string) => `${p}:4:24: error: tests[0].expect.outcome: one of permit, deny, no-permit, error`,
    ],
    [
      "bad claims",
      "t5.test.yaml",
      "policy: sgx.policy\ntests:\n  - claims: { a: 1.5 }\n",
      (p: string) =>
        `${p}:3:13: error: tests[0]: claims: Invalid incoming claims: $.a: 1.5 is not an integer; claim values are strings, integers or booleans`,
    ],
    [
      "no claims",
      "t6.test.yaml",
      "policy: sgx.policy\ntests:\n  - name: x\n",
      (p: string) => `${p}:3:5: error: tests[0]: claims or claimsFile is required`,
    ],
  ])("a malformed test file (%s): exit 2, one line", async (_name, name, text, message) => {
    const path = file(name, text);
    expect(await runCli(["test", path])).toEqual({ code: 2, stdout: "", stderr: `${message(path)}\n` });
  });

  it("claims nested deeper than the JSON limit: exit 2 at their path", async () => {
    const path = file(
      "t7.test.yaml",
      `policy: sgx.policy\ntests:\n  - claims: { x: ${"[".repeat(300)}1${"]".repeat(300)} }\n`,
    );
    const where = `$.x${"[0]".repeat(255)}`;
    expect(await runCli(["test", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}:3:13: error: tests[0]: claims: Invalid incoming claims: ${where}: nested more than 256 deep\n`,
    });
  });

  it("YAML too deep for the YAML parser: exit 2, located, no stack trace", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const path = file("t8.test.yaml", `policy: sgx.policy\ntests:\n  - claims: { x: ${deep} }\n`);
    const result = await runCli(["test", path]);
    // The column is where the parser ran out of stack, which depends on the engine's stack size.
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toMatch(
      new RegExp(`^${escaped}:3:\\d+: error: the YAML is nested too deeply to read\n$`),
    );
  });

  it("no test files: exit 2", async () => {
    const empty = tempDir("policy-eval-empty-");
    expect(await runCli(["test", empty])).toEqual({
      code: 2,
      stdout: "",
      stderr: `policy-eval: error: no test files (*.test.yaml, *.test.yml, *.test.json) under ${empty}\n`,
    });
  });
});
