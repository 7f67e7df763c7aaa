// A worker thread of `check` (analyze-many.ts): analyses the texts it claims, one at a time, from
// the counter it shares with the main thread and the other workers, and sends back their findings.
import { parentPort, workerData } from "node:worker_threads";
import { analyzePolicy, loadGeneratedParser } from "@maa-policy/parser";
import type { WorkerInput, WorkerResult } from "./analyze-many.js";

const { texts, options, next } = workerData as WorkerInput;
const claimed = new Int32Array(next);
await loadGeneratedParser();
const results: WorkerResult[] = [];
for (let i = Atomics.add(claimed, 0, 1); i < texts.length; i = Atomics.add(claimed, 0, 1)) {
  const { diagnostics, hasErrors, attestationType } = analyzePolicy(texts[i], options[i]);
  results.push({ index: i, diagnostics, hasErrors, attestationType });
}
parentPort!.postMessage(results);
