import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { policyHash } from "@maa-policy/tokens";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-encodings-");
const write = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const POLICY = "version=1.0;\nauthorizationrules { => permit(); };\nissuancerules { };\n";
const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = write("latin1.policy", Uint8Array.from(Buffer.from(`// caf\u00e9\n${POLICY}`, "latin1")));
const utf16 = write(
  "utf16.policy",
  Uint8Array.from(Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(POLICY, "utf16le")])),
);
const bom = write("bom.policy", Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(POLICY)]));

const NOT_UTF8 = `${latin1}:1:7: error: not UTF-8: byte 0xE9 at offset 6 is not valid UTF-8; save it as UTF-8`;
const UTF16 = `${utf16}:1:1: error: the file is UTF-16 LE (byte order mark FF FE); a policy is UTF-8 text: save it as UTF-8`;

/** A policy that is not UTF-8 is named as such, with its place, by every command that reads one. */
describe("policy encodings", () => {
  it("check: a Latin-1 byte is located, not replaced with U+FFFD and checked clean", async () => {
    expect(await runCli(["check", latin1])).toEqual({
      code: 2,
      stdout: "0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n",
      stderr: `${NOT_UTF8}\n`,
    });
  });

  it("check: a UTF-16 policy is one line saying so, not hundreds of syntax errors", async () => {
    expect(await runCli(["check", utf16])).toEqual({
      code: 2,
      stdout: "0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n",
      stderr: `${UTF16}\n`,
    });
  });

  it.each([
    ["hash", () => ["hash", latin1], NOT_UTF8],
    ["token encode", () => ["token", "encode", latin1], NOT_UTF8],
    ["eval", () => ["eval", utf16, "--claims", bom], UTF16],
    ["fmt", () => ["fmt", utf16], UTF16],
  ])("%s refuses it too, exit 2, one line", async (_name, argv, message) => {
    expect(await runCli(argv())).toEqual({ code: 2, stdout: "", stderr: `${message}\n` });
  });

  it("a UTF-8 byte order mark is accepted, kept in the text and covered by the hash", async () => {
    expect(await runCli(["check", bom])).toEqual({
      code: 0,
      stdout: "1 file checked: no problems.\n",
      stderr: "",
    });
    const hashed = await runCli(["hash", "--format", "json", bom]);
    expect((JSON.parse(hashed.stdout) as { policyHash: string }).policyHash).toBe(
      policyHash(`\uFEFF${POLICY}`),
    );
    expect(policyHash(`\uFEFF${POLICY}`)).not.toBe(policyHash(POLICY));
    const decoded = await runCli(["token", "decode", (await runCli(["token", "encode", bom])).stdout.trim()]);
    expect(decoded.stdout).toBe(readFileSync(bom, "utf8"));
  });
});
