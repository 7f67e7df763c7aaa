import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-encode-");
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const BROKEN = write("broken.policy", 'version=1.0\n [type=="a"] => permit();');
const SERVICE_MESSAGE =
  "Policy Parser Exception Thrown: Offending symbol: '['\nLine: '2', Column: '1'\nFailure message: 'mismatched input '[' expecting ';''\nFailing rule: 'policy > versionInfo'";

/** The service refuses to store a policy that does not parse (PolicyParsingError); so does encode. */
describe("token encode refuses a policy that does not parse", () => {
  it("text: check's findings and why nothing was encoded, exit 1, nothing on stdout", async () => {
    expect(await runCli(["token", "encode", BROKEN])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `${BROKEN}:2:2: error mismatched-input: mismatched input '[' expecting ';'\n` +
        "  1 | version=1.0\n" +
        '> 2 |  [type=="a"] => permit();\n' +
        "    |  ^\n" +
        "\n1 file checked: 1 error, 0 warnings.\n" +
        `${BROKEN}: error: not encoded: the service refuses a policy that does not parse\n`,
    });
  });

  it("json: the service's PolicyParsingError", async () => {
    const result = await runCli(["token", "encode", "--format", "json", BROKEN]);
    expect([result.code, result.stderr, JSON.parse(result.stdout)]).toEqual([
      1,
      "",
      {
        file: BROKEN,
        ok: false,
        error: { code: "PolicyParsingError", message: SERVICE_MESSAGE, status: 400 },
        warnings: [],
      },
    ]);
  });

  it("before reading a signing key: nothing is signed", async () => {
    const result = await runCli(["token", "encode", BROKEN, "--key", join(dir, "absent.pem")]);
    expect(result.code).toBe(1);
  });

  it("checker findings alone (an unknown function) do not stop it: the service's parser accepts the text", async () => {
    const path = write(
      "checker.policy",
      'version=1.2; authorizationrules { => permit(); }; issuancerules { => issue(type="a", value=Nope("x")); };',
    );
    const result = await runCli(["token", "encode", path]);
    expect([result.code, result.stderr, result.stdout.split(".").length]).toEqual([0, "", 3]);
  });
});
