import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { schemaProblem } from "../src/eval-test-schema.js";
import schema from "../src/schema/policy-test.schema.json" with { type: "json" };
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-test-schema-");
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
write("sgx.policy", "version=1.0;\nauthorizationrules { => permit(); };\nissuancerules { };\n");

/** Keys that cannot fail must fail: a misspelt key is an error with a suggestion (issue 13 §2). */
describe("test files follow their published JSON Schema", () => {
  it.each([
    [
      "expected for expect",
      "  - claims: {}\n    expected: { outcome: permit }\n",
      "4:5: tests[0].expected: unknown key; did you mean 'expect'?",
    ],
    [
      "outcom for outcome",
      "  - claims: {}\n    expect: { outcom: deny }\n",
      "4:15: tests[0].expect.outcom: unknown key; did you mean 'outcome'?",
    ],
    [
      "isued for issued",
      "  - claims: {}\n    expect:\n      isued: { a: 1 }\n",
      "5:7: tests[0].expect.isued: unknown key; did you mean 'issued'?",
    ],
    ["claim for claims", "  - claim: {}\n", "3:5: tests[0].claim: unknown key; did you mean 'claims'?"],
    [
      "nothing close",
      "  - claims: {}\n    when: now\n",
      "4:5: tests[0].when: unknown key; expected name, claims, claimsFile, expect",
    ],
    [
      "claims and claimsFile",
      "  - claims: {}\n    claimsFile: c.json\n",
      "3:5: tests[0]: claims and claimsFile exclude each other; give one",
    ],
    [
      "an error that is not a string",
      "  - claims: {}\n    expect: { error: 3 }\n",
      "4:22: tests[0].expect.error: expected a string",
    ],
    [
      "claims of the wrong type",
      "  - claims: 3\n",
      "3:13: tests[0].claims: expected an object or an array or a string",
    ],
  ])("%s: exit 2, one located line", async (_name, cases, message) => {
    const path = write("case.test.yaml", `policy: sgx.policy\ntests:\n${cases}`);
    expect(await runCli(["test", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}:${message.replace(/^(\d+:\d+): /, "$1: error: ")}\n`,
    });
  });

  it("a misspelt top-level key, and x- keys left for anchors", async () => {
    const path = write("top.test.yaml", "polcy: sgx.policy\ntests: [{ claims: {} }]\n");
    expect((await runCli(["test", path])).stderr).toBe(
      `${path}:1:1: error: polcy: unknown key; did you mean 'policy'?\n`,
    );
    const anchors = write(
      "x.test.yaml",
      "x-base: &base { a: 1 }\npolicy: sgx.policy\ntests: [{ claims: *base }]\n",
    );
    expect(await runCli(["test", anchors])).toEqual({
      code: 0,
      stdout: `${"-".repeat(80)}\nPASS: 1/1\n`,
      stderr: "",
    });
  });

  it("the same rules hold for a JSON test file", async () => {
    const path = write(
      "case.test.json",
      '{\n  "policy": "sgx.policy",\n  "tests": [{ "claims": {}, "expected": {} }]\n}\n',
    );
    expect((await runCli(["test", path])).stderr).toBe(
      `${path}:3:29: error: tests[0].expected: unknown key; did you mean 'expect'?\n`,
    );
  });

  it("the schema is valid JSON Schema (draft-07), with strict schema and types", () => {
    expect(() =>
      new Ajv({ strictSchema: true, strictTypes: true, allowUnionTypes: true }).compile(schema),
    ).not.toThrow();
  });

  it("the example in docs/testing-policies.md follows it", () => {
    const docs = readFileSync(new URL("../../../docs/testing-policies.md", import.meta.url), "utf8");
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    expect(schemaProblem(parse(example!))).toBeUndefined();
  });
});
