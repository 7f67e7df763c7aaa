// A worker thread of `check` (analyze-many.ts): started while the files are read, it is then sent
// the texts, analyses those it claims, one at a time, from the counter it shares with the main
// thread and the other workers, and sends back their findings. It never loads the generated
// parser: a text with a syntax error it leaves to the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { analyzePolicyIfLoaded } from "@maa-policy/parser";
import type { WorkerInput, WorkerResult, WorkerTexts } from "./analyze-many.js";

const claimed = new Int32Array((workerData as WorkerInput).next);
// Messages wait on the port until this listener is attached.
parentPort!.once("message", ({ texts, options }: WorkerTexts) => {
  const results: WorkerResult[] = [];
  for (let i = Atomics.add(claimed, 0, 1); i < texts.length; i = Atomics.add(claimed, 0, 1)) {
    const analysis = analyzePolicyIfLoaded(texts[i], options[i]);
    if (!analysis) continue;
    const { diagnostics, hasErrors, attestationType } = analysis;
    results.push({ index: i, diagnostics, hasErrors, attestationType });
  }
  parentPort!.postMessage(results);
});
