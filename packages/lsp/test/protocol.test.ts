import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type {
  CodeAction,
  CompletionItem,
  Hover,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import type { EvaluateResult } from "../src/protocol.js";
import { applied, spawned } from "./harness.js";

const EXAMPLE = new URL("../../../examples/sgx-enclave.policy", import.meta.url);
const BUILT = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** The built server spawned as an editor runs it, driven over stdio by a JSON-RPC client. */
test("initialize, open, diagnostics, completion, hover, rename, formatting, code action, evaluate, shutdown, exit", async () => {
  expect(existsSync(BUILT), "build first: npx tsc -b").toBe(true);
  const client = spawned();
  const init = await client.initialize();
  expect((init as { serverInfo: unknown }).serverInfo).toEqual({ name: "maa-policy-lsp", version: "0.1.0" });

  const uri = EXAMPLE.href;
  const text = 'version=1.2;\nauthorizationrules {\n    c:[type = "x-ms-sgx-svn"] => permit();\n};\n';
  await client.open(uri, text);
  const [diagnostic] = await client.diagnostics(uri);
  expect([diagnostic?.code, diagnostic?.range.start]).toEqual([
    "mismatched-input",
    { line: 2, character: 12 },
  ]);

  const [fix] = await client.request<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ["quickfix"] },
  });
  const fixed = applied(text, fix.edit!.changes![uri]);
  const version = await client.change(uri, fixed);
  expect(await client.diagnostics(uri, version)).toEqual([]);

  const completion = await client.request<CompletionItem[]>("textDocument/completion", {
    textDocument: { uri },
    position: { line: 2, character: 34 },
  });
  expect(completion.map((i) => i.label)).toEqual(["permit", "deny", "add", "issue"]);

  const hover = await client.request<Hover>("textDocument/hover", {
    textDocument: { uri },
    position: { line: 2, character: 20 },
  });
  expect((hover.contents as { value: string }).value).toBe(
    "**x-ms-sgx-svn** (Integer)\n\nThe enclave's security version number (ISVSVN, 16 bits).\n\nAttestation types: sgx, openenclave.\n\nEvidence: DOC: claim-sets.md, incoming claims.",
  );

  const rename = await client.request<WorkspaceEdit>("textDocument/rename", {
    textDocument: { uri },
    position: { line: 2, character: 4 },
    newName: "svn",
  });
  expect(rename.changes![uri]).toEqual([
    { range: { start: { line: 2, character: 4 }, end: { line: 2, character: 5 } }, newText: "svn" },
  ]);

  const formatting = await client.request<TextEdit[]>("textDocument/formatting", {
    textDocument: { uri },
    options: { tabSize: 4, insertSpaces: true },
  });
  expect(applied(fixed, formatting)).toBe(
    'version=1.2;\n\nauthorizationrules\n{\n    c:[type=="x-ms-sgx-svn"] => permit();\n};\n',
  );

  // The example's sibling claims file (examples/sgx-enclave.claims.json) is found by name.
  const evaluation = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
  expect([evaluation.verdict, evaluation.claimsUri]).toEqual([
    "permit",
    new URL("sgx-enclave.claims.json", EXAMPLE).href,
  ]);

  await client.shutdown();
  expect(client.child?.exitCode).toBe(0);
});
