import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { analyzePolicy, LineIndex, type AnalysisOptions } from "@maa-policy/parser";
import type { CheckedAnalysis } from "./output/checked-file.js";

/**
 * Files per worker thread, at least: a worker takes about as long to start as the analysis of a
 * few hundred policies, so fewer files are analysed on this thread alone.
 */
export const FILES_PER_WORKER = 250;

/** At most this many workers, whatever the machine: past a few, starting them costs more than they save. */
const MAX_WORKERS = 3;

/** Beside this module, in dist/ and in the bundle alike; absent when running from the sources. */
const WORKER_SCRIPT = new URL("./analyze-worker.js", import.meta.url);

export interface WorkerInput {
  readonly texts: readonly string[];
  /** What each text is analysed with (its project config and the command line's attestation type). */
  readonly options: readonly AnalysisOptions[];
  /** One Int32: the index of the next text to analyse, claimed with Atomics.add. */
  readonly next: SharedArrayBuffer;
}

export interface WorkerResult extends Omit<CheckedAnalysis, "source"> {
  readonly index: number;
}

/**
 * Analyses every text, in the order given. With many texts, worker threads and this thread claim
 * them one by one from a shared counter, so a worker that starts late takes fewer; the findings
 * are the same as `analyzePolicy`'s wherever a text was analysed (test: check-many.test.ts).
 */
export async function analyzeMany(
  texts: readonly string[],
  options: readonly AnalysisOptions[],
  workers = Math.min(availableParallelism() - 1, Math.floor(texts.length / FILES_PER_WORKER), MAX_WORKERS),
): Promise<CheckedAnalysis[]> {
  if (workers < 1 || !existsSync(fileURLToPath(WORKER_SCRIPT)))
    return texts.map((text, i) => analyzed(text, options[i]));
  const next = new SharedArrayBuffer(4);
  const claimed = new Int32Array(next);
  const input: WorkerInput = { texts, options, next };
  const running = Array.from({ length: workers }, () => runWorker(input));
  const analyses = new Array<CheckedAnalysis>(texts.length);
  for (let i = Atomics.add(claimed, 0, 1); i < texts.length; i = Atomics.add(claimed, 0, 1))
    analyses[i] = analyzed(texts[i], options[i]);
  for (const results of await Promise.all(running))
    for (const { index, ...result } of results) analyses[index] = remoteAnalysis(texts[index], result);
  // A worker that failed (it could not start, or ran out of memory) leaves its texts to this thread.
  for (let i = 0; i < texts.length; i++) analyses[i] ??= analyzed(texts[i], options[i]);
  return analyses;
}

/** What the report needs of an analysis: the syntax tree of each of many files is not kept. */
function analyzed(text: string, options: AnalysisOptions): CheckedAnalysis {
  const { diagnostics, hasErrors, attestationType, source } = analyzePolicy(text, options);
  return { diagnostics, hasErrors, attestationType, source };
}

function runWorker(workerData: WorkerInput): Promise<readonly WorkerResult[]> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData });
    worker.once("message", (results: WorkerResult[]) => resolve(results));
    worker.once("error", () => resolve([]));
    worker.once("exit", () => resolve([]));
  });
}

/** A worker's findings, with the text's lines built only if a code frame needs them. */
function remoteAnalysis(text: string, result: Omit<CheckedAnalysis, "source">): CheckedAnalysis {
  let lines: LineIndex | undefined;
  return {
    ...result,
    source: {
      get lines() {
        return (lines ??= new LineIndex(text));
      },
    },
  };
}
