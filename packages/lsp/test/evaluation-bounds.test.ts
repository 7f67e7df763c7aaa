import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { CancellationTokenSource, ResponseError } from "vscode-jsonrpc";
import type { Hover } from "vscode-languageserver-protocol";
import type { EvaluateResult } from "../src/protocol.js";
import { inProcess, type Client } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "maa-lsp-bounds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let client: Client;
afterEach(async () => client.shutdown());

/** A policy and its sibling claims file, opened in a server started with `initializationOptions`. */
async function setUp(name: string, policy: string, claims: unknown, initializationOptions: object = {}) {
  const uri = pathToFileURL(join(dir, `${name}.policy`)).href;
  writeFileSync(join(dir, `${name}.policy`), policy);
  writeFileSync(join(dir, `${name}.claims.json`), JSON.stringify(claims));
  client = inProcess();
  await client.initialize({ initializationOptions: { diagnosticsDelay: 0, ...initializationOptions } });
  await client.open(uri, policy);
  return uri;
}

/** Seconds of work inside every evaluator bound: 3,000 conditions over 30,000 claims. */
const SLOW_POLICY = `version=1.2;\nauthorizationrules {\n${'    [type=="x", value=="never"] => permit();\n'.repeat(3_000)}};\n`;
const SLOW_CLAIMS = Array.from({ length: 30_000 }, (_, i) => ({ type: "x", value: `v${i}` }));

describe("Evaluate runs where it can neither block nor end the server", () => {
  test("$/cancelRequest ends an evaluation; hover is answered while it runs, and the next evaluation works", async () => {
    const uri = await setUp("slow", SLOW_POLICY, SLOW_CLAIMS);
    const source = new CancellationTokenSource();
    const evaluation = client.connection.sendRequest<EvaluateResult>(
      "maaPolicy/evaluate",
      { uri },
      source.token,
    );
    const hover = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 2, character: 8 },
    });
    expect(hover).not.toBeNull();
    source.cancel();
    const error = await evaluation.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error instanceof ResponseError && [error.code, error.message]).toEqual([
      -32800,
      "The evaluation was cancelled.",
    ]);
    await client.change(uri, "version=1.2;\nauthorizationrules { => permit(); };\n");
    const next = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
    expect(next.verdict).toBe("permit");
  });

  test("an evaluation that spends its heap ends its worker, not the server", async () => {
    // 40 strings of 300 kB, each joined with each: 1,600 strings, 960 MB, under every evaluator bound
    // until 64 MiB of characters; the 32 MB heap is spent first.
    const claims = Array.from({ length: 40 }, (_, i) => ({ type: "s", value: `${i}`.padEnd(300_000, "x") }));
    const policy =
      'version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n    a:[type=="s"] && b:[type=="s"] => add(type="t", value=AppendString(a.value, b.value));\n};\n';
    const uri = await setUp("heavy", policy, claims, { evaluationMemoryMb: 32 });
    const result = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
    expect([result.verdict, result.error?.code, result.error?.message]).toEqual([
      "error",
      "PolicyEvaluationError",
      "Policy Engine Exception: Evaluation stopped: it used more than 32 MB of memory.",
    ]);
    const hover = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 3, character: policy.split("\n")[3].indexOf("AppendString") + 2 },
    });
    expect(hover).not.toBeNull();
  });

  test("the evaluator stops itself at the time limit, in the rule it was running", async () => {
    const uri = await setUp("limited", SLOW_POLICY, SLOW_CLAIMS, { evaluationTimeLimitMs: 20 });
    const result = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
    expect(result.verdict).toBe("error");
    expect(result.error?.message).toMatch(
      /^Policy Engine Exception: Evaluation stopped: it ran longer than 20 ms, the limit of one evaluation\. \(authorizationrules rule \d+, line \d+, column 5\)$/,
    );
  });
});
