import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-hash-");
const DRAFT = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
const HASHES =
  "x-ms-policy-hash        z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU\n" +
  "x-ms-policy-token-hash  c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ\n";

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("policy-eval hash", () => {
  it("prints both hashes the service reports for the draft policy", async () => {
    expect(await runCli(["hash", file("draft.policy", DRAFT)])).toEqual({
      code: 0,
      stdout: HASHES,
      stderr: "",
    });
  });

  it("reads standard input", async () => {
    expect(await runCli(["hash", "-"], DRAFT)).toEqual({ code: 0, stdout: HASHES, stderr: "" });
  });

  it("hashes bytes exactly: a trailing newline changes both hashes", async () => {
    const result = await runCli(["hash", file("newline.policy", DRAFT + "\n")]);
    expect(result.stdout).not.toBe(HASHES);
    expect(result.code).toBe(0);
  });

  it("prints JSON with the token that was hashed", async () => {
    const path = file("draft-json.policy", DRAFT);
    const result = await runCli(["hash", "--format", "json", path]);
    expect(JSON.parse(result.stdout)).toEqual({
      file: path,
      policyHash: "z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU",
      policyTokenHash: "c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ",
      token:
        "eyJhbGciOiJub25lIn0.eyJBdHRlc3RhdGlvblBvbGljeSI6ImRtVnljMmx2YmoweExqQTdJR0YxZEdodmNtbDZZWFJwYjI1eWRXeGxjM3M5UGlCd1pYSnRhWFFvS1R0OU95QnBjM04xWVc1alpYSjFiR1Z6ZTMwNyJ9.",
    });
  });

  it("exits 2 for a missing file, without a stack trace", async () => {
    const path = join(dir, "missing.policy");
    expect(await runCli(["hash", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}: error: no such file\n`,
    });
  });

  it("works from the built bin", () => {
    expect(spawnCli(["hash", "-"], DRAFT)).toEqual({ code: 0, stdout: HASHES, stderr: "" });
  });
});
