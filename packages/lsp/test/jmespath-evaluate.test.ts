import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, expect, test } from "vitest";
import type { Hover } from "vscode-languageserver-protocol";
import type { EvaluateResult } from "../src/protocol.js";
import { spawned, type Client } from "./harness.js";

// Issue 14: Evaluate on `replace(@,'a','b',`1000000000`)` killed the server (SIGABRT, heap out of
// memory) and `[@,@]` thirty times wedged it for minutes. Against the real server process: the
// evaluation fails in words at the query, and the server answers the next request.
const dir = mkdtempSync(join(tmpdir(), "maa-lsp-jmespath-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let client: Client;
afterEach(async () => client.shutdown());

const DOUBLINGS = Array.from({ length: 30 }, () => "[@,@]").join("|");

test.each([
  [
    "replace",
    "replace(@,'a','b',`1000000000`)",
    "'replace' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
    "PolicyParsingError",
  ],
  [
    "thirty doublings",
    DOUBLINGS,
    "the query builds a value of more than 16777216 characters of JSON; maa-policy stops a search there.",
    "PolicyEvaluationError",
  ],
  [
    "trim_right",
    "trim_right(@)",
    "'trim_right' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
    "PolicyParsingError",
  ],
])("Evaluate with %s: an error at the query, and the server lives on", async (name, query, words, code) => {
  const text = `version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n    c:[type=="in"] => issue(type="r", value=JmesPath(c.value, "${query}"));\n};\n`;
  const policyPath = join(dir, `${name.replace(/ /g, "-")}.policy`);
  writeFileSync(policyPath, text);
  writeFileSync(
    policyPath.replace(/\.policy$/, ".claims.json"),
    JSON.stringify({ in: JSON.stringify("a b ".repeat(1000)) }),
  );
  const uri = pathToFileURL(policyPath).href;
  client = spawned();
  await client.initialize({});
  await client.open(uri, text);
  const result = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
  // Refused functions are check errors, so Evaluate refuses the policy; the doublings pass check
  // and are stopped at evaluation.
  expect(result.error?.code).toBe(code);
  expect(result.error?.message).toContain(words);
  const hover = await client.request<Hover | null>("textDocument/hover", {
    textDocument: { uri },
    position: { line: 3, character: text.split("\n")[3].indexOf("issue(") + 2 },
  });
  expect(hover?.contents).toMatchObject({ kind: "markdown" });
});
