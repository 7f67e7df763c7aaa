// A worker thread of `check` (analyze-many.ts): started while the files are read, it is then sent
// the texts, analyses those it claims, one at a time, from the counter it shares with the main
// thread and the other workers, and sends back their findings.
import { parentPort, workerData } from "node:worker_threads";
import { analyzePolicy, loadGeneratedParser } from "@maa-policy/parser";
import type { WorkerInput, WorkerResult, WorkerTexts } from "./analyze-many.js";

const claimed = new Int32Array((workerData as WorkerInput).next);
// The parser for text with a syntax error loads while the files are read, too.
await loadGeneratedParser();
// Messages wait on the port until this listener is attached.
parentPort!.once("message", ({ texts, options }: WorkerTexts) => {
  const results: WorkerResult[] = [];
  for (let i = Atomics.add(claimed, 0, 1); i < texts.length; i = Atomics.add(claimed, 0, 1)) {
    const { diagnostics, hasErrors, attestationType } = analyzePolicy(texts[i], options[i]);
    results.push({ index: i, diagnostics, hasErrors, attestationType });
  }
  parentPort!.postMessage(results);
});
