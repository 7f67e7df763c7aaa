import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

// The README's exit-code table is the source of truth: its codes are ExitCode's, and each of its
// rows is asserted here, command by command.
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const dir = tempDir("policy-eval-exit-codes-");
let count = 0;
const file = (text: string, extension = ".policy") => {
  const path = join(dir, `f${count++}${extension}`);
  writeFileSync(path, text);
  return path;
};

const VALID = "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n";
const DENY = "version=1.0;\n\nauthorizationrules\n{\n    => deny();\n};\n";
const HALF_COVERED = 'version=1.0;\nauthorizationrules { [type=="x"] => deny(); => permit(); };\n';
const WARNING = "version=1.0;\nauthorizationrules { => deny(); };\n";
const claims = file("{}", ".json");

it("the README's table has exactly the codes of src/exit-codes.ts", () => {
  const table = README.slice(README.indexOf("### Exit codes"));
  const codes = [...table.matchAll(/^\| (\d) +\|/gm)].map((m) => Number(m[1]));
  expect(codes).toEqual(Object.values(ExitCode));
});

describe.each([
  [
    ExitCode.Ok,
    [
      ["check", file(VALID)],
      ["fmt", "--check", file(VALID)],
      ["eval", file(VALID), "--claims", claims],
      [
        "token",
        "verify",
        file(`eyJhbGciOiJub25lIn0.${Buffer.from('{"AttestationPolicy":""}').toString("base64url")}.`, ".jwt"),
      ],
      ["test", file(`policy: ${file(VALID)}\ntests:\n  - claims: {}\n`, ".test.yaml")],
    ],
  ],
  [
    ExitCode.Invalid,
    [
      ["check", file("version=1.0\n")],
      ["check", "--strict", file(WARNING)],
      ["fmt", "--check", file("version=1.0; authorizationrules{=>permit();};")],
      // A token that cannot be decoded is judged, not unreadable.
      ["token", "decode", file("version=1.0;", ".jwt")],
      ["token", "verify", file("eyJhbGciOiJub25lIn0.e30", ".jwt")],
      ["claims", file("AAAA", ".b64")],
      ["test", file(`policy: ${file("version=1.0\n")}\ntests:\n  - claims: {}\n`, ".test.yaml")],
      [
        "test",
        "--threshold",
        "100",
        file(`policy: ${file(HALF_COVERED)}\ntests:\n  - claims: {}\n`, ".test.yaml"),
      ],
    ],
  ],
  [
    ExitCode.Usage,
    [
      ["check", join(dir, "missing.policy")],
      ["check", join(dir, "*.nothing")],
      ["check", "--no-such-option", file(VALID)],
      ["eval", file(VALID), "--claims", file("{", ".json")],
      ["token", "encode", file(VALID), "--key", file("not a key", ".pem"), "--cert", file("x", ".pem")],
      ["test", file("tests: 1\n", ".test.yaml")],
      ["completion", "tcsh"],
    ],
  ],
  [
    ExitCode.Denied,
    [
      ["eval", file(DENY), "--claims", claims],
      [
        "test",
        file(`policy: ${file(VALID)}\ntests:\n  - claims: {}\n    expect: { outcome: deny }\n`, ".test.yaml"),
      ],
    ],
  ],
])("exit %i", (code, cases) => {
  it.each(cases.map((argv) => [argv.join(" ").replaceAll(dir, "…"), argv]))("%s", async (_name, argv) => {
    expect((await runCli(argv)).code).toBe(code);
  });
});
