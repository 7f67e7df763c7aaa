// The README's worked example, kept as a test so that it cannot rot: the same code, run from the
// repository root as the README shows it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadPolicy, parseClaims } from "@maa-policy/evaluator";
import "@maa-policy/evaluator/vitest";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

const loaded = await loadPolicy(read("examples/sgx-enclave.policy"));
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
const policy = loaded.policy;

const claims = (object: object) => {
  const parsed = parseClaims(JSON.stringify(object));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.claims;
};

test("debug enclaves are denied", () => {
  expect(policy.evaluate(claims({ "x-ms-sgx-is-debuggable": true }))).toDeny(
    "Policy Engine Exception: A Deny claim was issued, authorization failed.",
  );
});

test("our release enclave is permitted and its SVN issued", () => {
  const result = policy.evaluate(claims(JSON.parse(read("examples/sgx-enclave.claims.json")) as object));
  expect(result).toPermit();
  expect(result).toIssue("enclave-svn", 1);
});

test("the README shows this example", () => {
  const readme = read("README.md");
  expect(readme).toContain('expect(result).toIssue("enclave-svn", 1);');
  expect(readme).toContain('"Policy Engine Exception: A Deny claim was issued, authorization failed.",');
});
