// A worker thread of `check` (analyze-many.ts): started while the files are read, it is sent the
// texts in batches as they are read, analyses those it claims, one at a time, from the counter it
// shares with the main thread and the other workers, and once the last batch is in and every text
// is claimed, sends back their findings. It never loads the generated parser: a text with a syntax
// error it leaves to the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { analyzePolicyIfLoaded, type AnalysisOptions } from "@maa-policy/parser";
import type { WorkerInput, WorkerResult, WorkerTexts } from "./analyze-many.js";

const claimed = new Int32Array((workerData as WorkerInput).next);
const texts: string[] = [];
const options: AnalysisOptions[] = [];
const results: WorkerResult[] = [];
let last = false;
/** A text claimed before its batch came. */
let waiting: number | undefined;
// Messages wait on the port until this listener is attached.
parentPort!.on("message", (batch: WorkerTexts) => {
  texts.push(...batch.texts);
  options.push(...batch.options);
  last = batch.last;
  for (;;) {
    const i = waiting ?? Atomics.add(claimed, 0, 1);
    waiting = undefined;
    if (i >= texts.length) {
      if (!last) {
        waiting = i;
        return;
      }
      parentPort!.postMessage(results);
      parentPort!.close();
      return;
    }
    const analysis = analyzePolicyIfLoaded(texts[i], options[i]);
    if (!analysis) continue;
    const { diagnostics, hasErrors, attestationType } = analysis;
    results.push({ index: i, diagnostics, hasErrors, attestationType });
  }
});
