// Language server latency (`npm run bench lsp`): the built server spawned over stdio, as an editor
// runs it. For policies of 100, 1,000 and 10,000 rules: the time from a `didChange` (one character
// typed into the last rule) to its `publishDiagnostics`, and the time to answer a completion inside
// the last rule's claim type string, with the answer's size, beside a hover at the same place on the
// same analysis (the floor). Goals: diagnostics < 50 ms and completion < 20 ms at 1,000 rules
// (issue 5); at 10,000 rules diagnostics < 60 ms, completion < 20 ms with its answer filtered by the
// typed prefix and capped (issue 18).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { generatedPolicy } from "./generated-policy.js";

const bin = fileURLToPath(new URL("../packages/lsp/bin/maa-policy-lsp.js", import.meta.url));
const DEBOUNCE_MS = 10; // the server's default diagnostics delay, part of what is measured

const child = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
const waiting = new Map();
connection.onNotification("textDocument/publishDiagnostics", (p) => {
  const key = `${p.uri}@${p.version}`;
  waiting.get(key)?.();
  waiting.delete(key);
});
connection.listen();
await connection.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} });
await connection.sendNotification("initialized", {});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(rules) {
  const uri = `file:///bench/${rules}.policy`;
  const text = generatedPolicy(rules);
  const lastLine = rules + 4; // the last rule
  let version = 1;
  const published = (v) => new Promise((resolve) => waiting.set(`${uri}@${v}`, resolve));
  let first = published(1);
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "maa-policy", version, text },
  });
  await first;
  const diagnostics = [];
  const completion = [];
  const hover = [];
  let answer = 0;
  const runs = rules >= 5000 ? 7 : 15;
  for (let i = 0; i < runs + 3; i++) {
    version++;
    const done = published(version);
    const start = performance.now();
    // Type (then delete) a space at the start of the last rule: a real edit, same text every other time.
    const change =
      i % 2 === 0 ? { range: pos(lastLine, 0, 0), text: " " } : { range: pos(lastLine, 0, 1), text: "" };
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    await done;
    if (i >= 3) diagnostics.push(performance.now() - start);
    // Inside the claim type string of the last rule, on the analysis the edit made.
    const at = { textDocument: { uri }, position: { line: lastLine, character: 30 } };
    const c0 = performance.now();
    const items = await connection.sendRequest("textDocument/completion", at);
    if (i >= 3) completion.push(performance.now() - c0);
    answer = JSON.stringify(items).length;
    const h0 = performance.now();
    await connection.sendRequest("textDocument/hover", at);
    if (i >= 3) hover.push(performance.now() - h0);
  }
  return {
    rules,
    diagnostics: median(diagnostics),
    completion: median(completion),
    hover: median(hover),
    answer,
  };
}

function pos(line, from, to) {
  return { start: { line, character: from }, end: { line, character: to } };
}

const GOALS = {
  1_000: "diagnostics < 50 ms, completion < 20 ms",
  10_000: "diagnostics < 60 ms, completion < 20 ms, answer filtered and capped",
};
console.log(`language server latency (median, warm; diagnostics include the ${DEBOUNCE_MS} ms debounce)`);
console.log(
  "   rules   didChange -> diagnostics   completion (answer)     hover (floor)   completion/hover   goal",
);
for (const rules of [100, 1_000, 10_000]) {
  const r = await measure(rules);
  const answer = `${(r.answer / 1000).toFixed(1)} kB`;
  console.log(
    `  ${String(rules).padStart(6)}   ${r.diagnostics.toFixed(1).padStart(10)} ms              ${r.completion.toFixed(1).padStart(6)} ms (${answer.padStart(9)})   ${r.hover.toFixed(1).padStart(6)} ms   ${(r.completion / r.hover).toFixed(1).padStart(8)}x          ${GOALS[rules] ?? ""}`,
  );
}
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();
