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
  /** One Int32: the index of the next text to analyse, claimed with Atomics.add. */
  readonly next: SharedArrayBuffer;
}

/** What a worker is sent once the files are read. */
export interface WorkerTexts {
  readonly texts: readonly string[];
  /** What each text is analysed with (its project config and the command line's attestation type). */
  readonly options: readonly AnalysisOptions[];
}

export interface WorkerResult extends Omit<CheckedAnalysis, "source"> {
  readonly index: number;
}

/**
 * Analyses every text, in the order given. With many texts, worker threads and this thread claim
 * them one by one from a shared counter, so a worker that starts late takes fewer; the findings
 * are the same as `analyzePolicy`'s wherever a text was analysed (test: check-many.test.ts).
 */
export function analyzeMany(
  texts: readonly string[],
  options: readonly AnalysisOptions[],
  workers?: number,
): Promise<CheckedAnalysis[]> {
  return startAnalysis(texts.length, workers).analyze(texts, options);
}

/**
 * Starts the worker threads for about `expected` texts before they are read: a worker takes as
 * long to start (load the parser, compile it) as reading a few hundred files, so it does that while
 * this thread reads them. `analyze` then shares the texts as `analyzeMany` says.
 */
export function startAnalysis(
  expected: number,
  workers = Math.min(availableParallelism() - 1, Math.floor(expected / FILES_PER_WORKER), MAX_WORKERS),
): { analyze(texts: readonly string[], options: readonly AnalysisOptions[]): Promise<CheckedAnalysis[]> } {
  const next = new SharedArrayBuffer(4);
  const started =
    workers < 1 || !existsSync(fileURLToPath(WORKER_SCRIPT))
      ? []
      : Array.from({ length: workers }, () => startWorker({ next }));
  return {
    async analyze(texts, options) {
      const claimed = new Int32Array(next);
      const running = started.map((worker) => worker.run({ texts, options }));
      const analyses = new Array<CheckedAnalysis>(texts.length);
      for (let i = Atomics.add(claimed, 0, 1); i < texts.length; i = Atomics.add(claimed, 0, 1))
        analyses[i] = analyzed(texts[i], options[i]);
      for (const results of await Promise.all(running))
        for (const { index, ...result } of results) analyses[index] = remoteAnalysis(texts[index], result);
      // A worker that failed (it could not start, or ran out of memory) leaves its texts to this thread.
      for (let i = 0; i < texts.length; i++) analyses[i] ??= analyzed(texts[i], options[i]);
      return analyses;
    },
  };
}

/** What the report needs of an analysis: the syntax tree of each of many files is not kept. */
function analyzed(text: string, options: AnalysisOptions): CheckedAnalysis {
  const { diagnostics, hasErrors, attestationType, source } = analyzePolicy(text, options);
  return { diagnostics, hasErrors, attestationType, source };
}

/**
 * A worker that loads while the files are read. It does not keep the process alive until it is
 * given texts: a run that stops before (a usage error) ends as it would without it.
 */
function startWorker(workerData: WorkerInput): {
  run(texts: WorkerTexts): Promise<readonly WorkerResult[]>;
} {
  const worker = new Worker(WORKER_SCRIPT, { workerData });
  worker.unref();
  const results = new Promise<readonly WorkerResult[]>((resolve) => {
    worker.once("message", (results: WorkerResult[]) => resolve(results));
    worker.once("error", () => resolve([]));
    worker.once("exit", () => resolve([]));
  });
  return {
    run(texts) {
      worker.ref();
      worker.postMessage(texts);
      return results;
    },
  };
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
