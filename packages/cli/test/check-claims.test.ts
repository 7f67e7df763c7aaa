import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir, writeIn } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-claims-");
const write = (name: string, text: string) => writeIn(dir, name, text);

// The reproducer: the deny rule of examples/sgx-enclave.policy with one letter missing.
const TYPO = readFileSync(join(import.meta.dirname, "../../../examples/sgx-enclave.policy"), "utf8").replace(
  '"x-ms-sgx-is-debuggable"',
  '"x-ms-sgx-is-debugable"',
);
const CUSTOM = 'version=1.0;\nauthorizationrules { [type=="my-claim", value==1] => permit(); };\n';

describe("policy-eval check: claims by attestation type", () => {
  it("fails a misspelt claim in a deny rule, says the type was inferred, and offers the fix", async () => {
    const file = write("typo/sgx.policy", TYPO);
    const result = await runCli(["check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      `${file}: note: claims checked for sgx attestation, inferred from 'x-ms-sgx-mrsigner' (set it with --attestation-type, a '// maa-policy: attestation-type=sgx' comment or maa-policy.json)`,
      `${file}:11:12: error unknown-claim-type: No claim 'x-ms-sgx-is-debugable' reaches this condition: it is not an incoming claim of sgx attestation, and no earlier rule adds it. This deny() can never fire: the policy lets through what it means to refuse.`,
    ]);
    expect(result.stdout).toContain(
      "  offered: Change to 'x-ms-sgx-is-debuggable' (not applied by --fix: it changes what the policy does)\n",
    );
  });

  it("--fix leaves an offered fix alone, and --format json lists it as offerOnly", async () => {
    const file = write("typo/fix.policy", TYPO);
    const fixed = await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(TYPO);
    expect(fixed.code).toBe(1);
    const json = JSON.parse((await runCli(["check", "--format", "json", file])).stdout) as {
      attestationType: unknown;
      diagnostics: { code: string; fixes: unknown }[];
    }[];
    expect(json[0].attestationType).toEqual({
      type: "sgx",
      source: "inferred",
      because: "'x-ms-sgx-mrsigner'",
    });
    expect(json[0].diagnostics[0].fixes).toEqual([
      {
        title: "Change to 'x-ms-sgx-is-debuggable'",
        edits: [
          {
            range: {
              start: { line: 10, character: 11, offset: expect.any(Number) as number },
              end: { line: 10, character: 34, offset: expect.any(Number) as number },
            },
            newText: '"x-ms-sgx-is-debuggable"',
          },
        ],
        offerOnly: true,
      },
    ]);
  });

  it("--attestation-type sets the claims to check against, and takes the names users write", async () => {
    const file = write(
      "plain/tpm.policy",
      'version=1.0;\nauthorizationrules { [type=="aikValidated", value==true] => permit(); };\n',
    );
    expect((await runCli(["check", file])).code).toBe(0);
    const result = await runCli(["check", "--attestation-type", "SgxEnclave", file]);
    expect(result.stdout).toBe(
      `${file}:2:29: warning unknown-claim-type: 'aikValidated' is a claim of tpm/vbs attestation; sgx attestation never gives it.\n` +
        "  1 | version=1.0;\n" +
        '> 2 | authorizationrules { [type=="aikValidated", value==true] => permit(); };\n' +
        "    |                             ^^^^^^^^^^^^^^\n" +
        "\n1 file checked: 0 errors, 1 warning.\n",
    );
  });

  it("refuses an attestation type it does not know, as a usage error", async () => {
    const file = write("plain/any.policy", CUSTOM);
    expect(await runCli(["check", "--attestation-type", "sgz", file])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "policy-eval: error: --attestation-type: 'sgz' is not an attestation type (sgx, openenclave, tpm, vbs, sevsnpvm, tdxvm, azureguest)\n",
    });
  });

  it("a pragma in the policy wins over --attestation-type", async () => {
    const file = write(
      "plain/pragma.policy",
      `// maa-policy: attestation-type=tpm\n${CUSTOM.replace("my-claim", "aikValidated").replace("value==1", "value==true")}`,
    );
    expect((await runCli(["check", "--attestation-type", "sgx", file])).stdout).toBe(
      "1 file checked: no problems.\n",
    );
  });

  it("maa-policy.json, found upward, gives the type per glob and declares the claims it knows", async () => {
    write("project/maa-policy.json", JSON.stringify({ attestationType: { "tpm/**": "tpm" } }));
    const file = write("project/tpm/deep/custom.policy", CUSTOM);
    expect((await runCli(["check", file])).stdout).toContain(
      "warning unknown-claim-type: No claim 'my-claim' reaches this condition: it is not an incoming claim of tpm attestation, and no earlier rule adds it.",
    );
    write(
      "project/maa-policy.json",
      JSON.stringify({ attestationType: { "tpm/**": "tpm" }, claims: { "my-claim": "Integer" } }),
    );
    expect(await runCli(["check", file])).toEqual({
      code: 0,
      stdout: "1 file checked: no problems.\n",
      stderr: "",
    });
  });

  it("says what is wrong with a project config, and exits 2", async () => {
    write("broken/maa-policy.json", JSON.stringify({ claims: { "my-claim": "Number" } }));
    const file = write("broken/p.policy", CUSTOM);
    expect(await runCli(["check", file])).toEqual({
      code: 2,
      stdout: "0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n",
      stderr: `${join(dir, "broken", "maa-policy.json")}: error: 'claims': 'my-claim' must be String, Integer, Boolean, not "Number"\n`,
    });
  });
});

describe("policy-eval eval: the claims file typed by the catalogue", () => {
  it('warns when a claims file gives "5" for an Integer claim, and says what the service gives', async () => {
    const claims = write(
      "claims/strings.json",
      JSON.stringify({ "x-ms-sgx-svn": "5", "x-ms-sgx-is-debuggable": "no" }),
    );
    const policy = write(
      "claims/p.policy",
      'version=1.0; authorizationrules { [type=="x-ms-sgx-svn", value==5] => permit(); };',
    );
    const result = await runCli(["eval", policy, "--claims", claims]);
    expect(result.stderr).toBe(
      `${claims}: warning: 'x-ms-sgx-svn' is given as the String "5"; the service gives the Integer 5, so conditions that hold at the service may not hold on these claims.\n` +
        `${claims}: warning: 'x-ms-sgx-is-debuggable' is given as the String "no"; the service gives a Boolean here, so conditions that hold at the service may not hold on these claims.\n`,
    );
    expect(result.code).toBe(3);
  });
});
