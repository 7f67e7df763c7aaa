import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { restErrorBody, serviceError } from "@maa-policy/parser";
import { encodeUnsecuredJws, policyHash } from "@maa-policy/tokens";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-eval-");
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const POLICY =
  'version=1.0;\nauthorizationrules {\n  [type=="x-ms-sgx-is-debuggable", value==false] => permit();\n};\nissuancerules {\n  c:[type=="x-ms-sgx-mrsigner"] => issue(type="signer", value=c.value);\n};\n';
const policy = file("sgx.policy", POLICY);
const good = file(
  "good.json",
  JSON.stringify({
    "x-ms-sgx-is-debuggable": false,
    "x-ms-sgx-mrsigner": "ab",
    "x-ms-attestation-type": "sgx",
  }),
);
const debug = file("debug.json", JSON.stringify({ "x-ms-sgx-is-debuggable": true }));
const NO_PERMIT =
  "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.";

describe("policy-eval eval", () => {
  it("permits: exit 0, the issued claims", async () => {
    expect(await runCli(["eval", policy, "--claims", good])).toEqual({
      code: 0,
      stdout: 'permitted: 1 claim issued\n  signer: "ab"\n',
      stderr: "",
    });
  });

  it("no permit: exit 3 and the service's message", async () => {
    expect(await runCli(["eval", policy, "--claims", debug])).toEqual({
      code: 3,
      stdout: `denied: ${NO_PERMIT}\n`,
      stderr: "",
    });
  });

  it("--explain: rule by rule, which claims matched", async () => {
    const result = await runCli(["eval", policy, "--claims", good, "--explain"]);
    expect(result.stdout).toBe(
      `${policy}:3:3 authorizationrules rule 1: fired: permit()\n` +
        '  [type=="x-ms-sgx-is-debuggable", value==false]  held (1 claim matched)\n' +
        "    x-ms-sgx-is-debuggable: false [AttestationService]\n" +
        `${policy}:6:3 issuancerules rule 1: fired\n` +
        '  c:[type=="x-ms-sgx-mrsigner"]  held (1 claim matched)\n' +
        '    x-ms-sgx-mrsigner: "ab" [AttestationService]\n' +
        '  => issue signer: "ab"\n' +
        "\n" +
        'permitted: 1 claim issued\n  signer: "ab"\n',
    );
  });

  it("--format json: outcome, error and REST body, claims", async () => {
    const result = await runCli(["eval", policy, "--claims", debug, "--format", "json"]);
    expect(result.code).toBe(3);
    const error = serviceError("PolicyEvaluationError", NO_PERMIT);
    expect(JSON.parse(result.stdout)).toEqual({
      outcome: "no-permit",
      permitted: false,
      error,
      restError: restErrorBody(error),
      issued: [],
      properties: [],
      engine: {
        "x-ms-sgx-tcbidentifier": "azuredefault",
        require_valid_aik_cert: true,
        required_pcr_mask: 16777215,
        omit_x5c: false,
        report_validity_in_minutes: 1440,
      },
    });
  });

  it("--format token: the unsecured draft token for a fixed clock and issuer", async () => {
    const result = await runCli([
      "eval",
      policy,
      "--claims",
      good,
      "--format",
      "token",
      "--now",
      "2022-11-17T20:28:29Z",
      "--issuer",
      "https://x.attest.azure.net",
    ]);
    expect(result.code).toBe(0);
    const body = JSON.parse(Buffer.from(result.stdout.split(".")[1], "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    const expected = {
      exp: 1668716909 + 28800,
      iat: 1668716909,
      iss: "https://x.attest.azure.net",
      jti: body.jti,
      nbf: 1668716909,
      signer: "ab",
      "x-ms-attestation-type": "sgx",
      "x-ms-policy": { signer: "ab" },
      "x-ms-policy-hash": policyHash(POLICY),
      "x-ms-sgx-is-debuggable": false,
      "x-ms-sgx-mrsigner": "ab",
      "x-ms-sgx-tcbidentifier": "azuredefault",
      "x-ms-ver": "1.0",
    };
    expect(result.stdout).toBe(`${encodeUnsecuredJws({ alg: "none", typ: "JWT" }, expected)}\n`);
  });

  it("--format token on failure prints the service's REST error body and exits 3", async () => {
    const result = await runCli(["eval", policy, "--claims", debug, "--format", "token"]);
    expect(result).toEqual({
      code: 3,
      stdout: `${JSON.stringify(restErrorBody(serviceError("PolicyEvaluationError", NO_PERMIT)))}\n`,
      stderr: "",
    });
  });

  it("a runtime error: exit 3, where it happened", async () => {
    const text =
      'version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n  c:[type=="j"] => issue(type="r", value=JsonToClaimValue(c.value));\n};\n';
    const result = await runCli([
      "eval",
      file("runtime.policy", text),
      "--claims",
      file("j.json", '{"j": "{}"}'),
    ]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      `${join(dir, "runtime.policy")}:4:59: error: Policy Engine Exception: JsonToClaimValue: a JSON object is not a claim value. (issuancerules rule 1, line 4, column 59)\n`,
    );
  });

  it("claims from standard input and from an attestation token", async () => {
    const token = encodeUnsecuredJws(
      { alg: "none" },
      { iat: 1, "x-ms-sgx-is-debuggable": false, "x-ms-sgx-mrsigner": "cd" },
    );
    expect(await runCli(["eval", policy, "--claims", "-"], token)).toEqual({
      code: 0,
      stdout: 'permitted: 1 claim issued\n  signer: "cd"\n',
      stderr: "",
    });
  });

  it("an invalid policy: exit 1 with check's diagnostics on stderr, nothing evaluated", async () => {
    const bad = file("bad.policy", 'version=1.0\n [type=="a"] => permit();');
    const result = await runCli(["eval", bad, "--claims", good]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `${bad}:2:2: error mismatched-input: mismatched input '[' expecting ';'\n  1 | version=1.0\n> 2 |  [type=="a"] => permit();\n    |  ^\n\n1 file checked: 1 error, 0 warnings.\n`,
    });
  });

  it.each([
    [
      "malformed claims",
      [policy, "--claims", file("bad.json", '{"a": 1.5}')],
      `${join(dir, "bad.json")}: error: Invalid incoming claims: $.a: 1.5 is not an integer; claim values are strings, integers or booleans (line 1, column 7)\n`,
    ],
    [
      "missing claims file",
      [policy, "--claims", join(dir, "none.json")],
      `${join(dir, "none.json")}: error: no such file\n`,
    ],
    [
      "both from stdin",
      ["-", "--claims", "-"],
      "policy-eval: error: the policy and the claims cannot both be read from standard input\n",
    ],
    [
      "a bad --now",
      [policy, "--claims", good, "--now", "yesterday"],
      "policy-eval: error: option '--now <time>' argument 'yesterday' is invalid. 'yesterday' is neither seconds since the epoch nor an ISO 8601 date\n",
    ],
  ])("%s: exit 2, one line, no stack trace", async (_name, args, stderr) => {
    expect(await runCli(["eval", ...args])).toEqual({ code: 2, stdout: "", stderr });
  });

  it("--claims (or --evidence) is required", async () => {
    const result = await runCli(["eval", policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "policy-eval: error: give the incoming claims with either --claims or --evidence\n",
    );
  });
});
