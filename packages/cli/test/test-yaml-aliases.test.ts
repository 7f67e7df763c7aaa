import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-yaml-aliases-");
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
write(
  "sgx.policy",
  'version=1.0;\nauthorizationrules {\n  [type=="x-ms-sgx-is-debuggable", value==false] => permit();\n};\nissuancerules {\n  c:[type=="x-ms-sgx-svn"] => issue(type="svn", value=c.value);\n};\n',
);
const SUMMARY = (n: number) => `${"-".repeat(80)}\nPASS: ${n}/${n}\n`;

/** Reusing an anchor is ordinary YAML; only an expansion bomb is refused (issue 13 §2, issue 14). */
describe("policy-eval test: YAML anchors and aliases", () => {
  it("one claim set reused by 150 cases (claims: *base) runs every case", async () => {
    const cases = Array.from({ length: 149 }, (_, i) => `  - name: case ${i + 2}\n    claims: *base\n`).join(
      "",
    );
    const path = write(
      "reuse.test.yaml",
      `policy: sgx.policy\ntests:\n  - name: case 1\n    claims: &base { x-ms-sgx-is-debuggable: false, x-ms-sgx-svn: 2 }\n    expect: &permitted { outcome: permit, issued: { svn: 2 } }\n${cases.replaceAll("claims: *base\n", "claims: *base\n    expect: *permitted\n")}`,
    );
    expect(await runCli(["test", path])).toEqual({ code: 0, stdout: SUMMARY(150), stderr: "" });
  });

  it("merge keys (<<: *defaults) work too", async () => {
    const path = write(
      "merge.test.yaml",
      "policy: sgx.policy\ntests:\n  - &release\n    name: release\n    claims: { x-ms-sgx-is-debuggable: false, x-ms-sgx-svn: 2 }\n  - <<: *release\n    name: again\n",
    );
    expect(await runCli(["test", path])).toEqual({ code: 0, stdout: SUMMARY(2), stderr: "" });
  });

  it("an alias bomb is refused in one line at the alias where it passes the bound, exit 2", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${previous}`).join(", ")}]`,
      );
    }
    const path = write("bomb.test.yaml", `${levels.join("\n")}\npolicy: sgx.policy\ntests: []\n`);
    // Lines a to e expand to 123,461 values (e alone is 111,111); line 6 adds e's 111,111 per alias,
    // and its eighth (column 8 + 4 × 7) passes 1,000,000.
    expect(await runCli(["test", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}:6:${8 + 4 * 7}: error: the aliases expand the file to more than 1,000,000 values here (an alias bomb); refused\n`,
    });
  });

  it("an alias inside the value it names is refused, not followed forever", async () => {
    const path = write("cycle.test.yaml", "policy: sgx.policy\ntests: &t [ { claims: {} }, *t ]\n");
    expect(await runCli(["test", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}:2:29: error: the alias *t refers to a value that contains it, which never ends\n`,
    });
  });

  it("an alias with no anchor before it is located", async () => {
    const path = write("unresolved.test.yaml", "policy: sgx.policy\ntests:\n  - claims: *nope\n");
    expect(await runCli(["test", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}:3:13: error: the alias *nope names no anchor before it\n`,
    });
  });
});
