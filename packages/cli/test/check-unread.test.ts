import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-unread-");
const missing = join(dir, "missing.policy");
const valid = join(dir, "valid.policy");
writeFileSync(valid, "version=1.0; authorizationrules{=> permit();}; issuancerules{};");

/** A summary never says "no problems" about a file it did not read (issue 13 §2). */
describe("check: a file that cannot be read is in every format's answer", () => {
  it("text: the summary counts it and does not say 'no problems'", async () => {
    expect(await runCli(["check", missing])).toEqual({
      code: 2,
      stdout: "0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n",
      stderr: `${missing}: error: no such file\n`,
    });
    expect(await runCli(["check", valid, missing])).toEqual({
      code: 2,
      stdout: "1 file checked: 0 errors, 0 warnings; 1 file could not be read.\n",
      stderr: `${missing}: error: no such file\n`,
    });
  });

  it("json: an entry that is not valid and says why", async () => {
    const result = await runCli(["check", "--format", "json", missing]);
    expect([result.code, JSON.parse(result.stdout)]).toEqual([
      2,
      [{ file: missing, valid: false, error: `${missing}: no such file`, diagnostics: [] }],
    ]);
  });

  it("sarif: an error notification and an unsuccessful execution", async () => {
    const result = await runCli(["check", "--format", "sarif", missing]);
    const log = JSON.parse(result.stdout) as { runs: { invocations: unknown; results: unknown[] }[] };
    expect(result.code).toBe(2);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: "error",
            message: { text: `${missing}: no such file` },
            locations: [{ physicalLocation: { artifactLocation: { uri: missing } } }],
          },
        ],
      },
    ]);
  });

  it("sarif: a run that read everything says it succeeded", async () => {
    const result = await runCli(["check", "--format", "sarif", valid]);
    const log = JSON.parse(result.stdout) as { runs: { invocations: unknown }[] };
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });
});
