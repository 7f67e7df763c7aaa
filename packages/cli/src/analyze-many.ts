import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  analyzePolicy,
  analyzePolicyIfLoaded,
  LineIndex,
  loadGeneratedParser,
  type Analysis,
  type AnalysisOptions,
} from "@maa-policy/parser";
import type { CheckedAnalysis } from "./output/checked-file.js";

/**
 * Files per worker thread, at least: a worker takes about as long to start as the analysis of a
 * few hundred policies, so fewer files are analysed on this thread alone.
 */
export const FILES_PER_WORKER = 250;

/** At most this many workers, whatever the machine: past a few, starting them costs more than they save. */
const MAX_WORKERS = 3;

/**
 * Cores left to V8's own compiler threads. Most of a run's time is the engine optimising the
 * analysis as it goes, on background threads: with every core running JavaScript, that code comes
 * late, and each thread warms up on its own. On this project's 2-core machine one thread checked
 * 1,000 files in 0.32–0.37 s where it and a worker took 0.44–0.50 s (4,000 files: 0.63–0.67 s
 * against 0.68–0.76 s), so a worker starts only where a core is left over for the compiler.
 */
const CORES_FOR_THE_COMPILER = 1;

/** Beside this module, in dist/ and in the bundle alike; absent when running from the sources. */
const WORKER_SCRIPT = new URL("./analyze-worker.js", import.meta.url);

export interface WorkerInput {
  /** One Int32: the index of the next text to analyse, claimed with Atomics.add. */
  readonly next: SharedArrayBuffer;
}

/**
 * What a worker is sent as the files are read: the next texts, in order, and whether they are the
 * last. It analyses while the rest are read (reading 1,000 files took this thread ~90 ms).
 */
export interface WorkerTexts {
  readonly texts: readonly string[];
  /** What each text is analysed with (its project config and the command line's attestation type). */
  readonly options: readonly AnalysisOptions[];
  readonly last: boolean;
}

export interface WorkerResult extends Omit<CheckedAnalysis, "source"> {
  readonly index: number;
}

/** Texts sent to the workers at a time: a message each is cheap, and a worker is never kept waiting long. */
const BATCH = 32;

/**
 * Analyses every text, in the order given. With many texts, worker threads and this thread claim
 * them one by one from a shared counter, so a worker that starts late takes fewer; the findings
 * are the same as `analyzePolicy`'s wherever a text was analysed (test: check-many.test.ts).
 * The generated parser (ANTLR, ~30 ms to load) is loaded, on this thread only, when a text has a
 * syntax error: such texts are left by the threads that meet them and analysed here at the end.
 */
export function analyzeMany(
  texts: readonly string[],
  options: readonly AnalysisOptions[],
  workers?: number,
): Promise<CheckedAnalysis[]> {
  const analysis = startAnalysis(texts.length, workers);
  texts.forEach((text, i) => analysis.add(text, options[i]));
  return analysis.analyze();
}

/**
 * Starts the worker threads for about `expected` texts before they are read: a worker takes about
 * as long to start (load the parser, compile it) as this thread takes to read a few hundred files.
 * Each text is `add`ed as it is read and sent on in batches, so the workers analyse while this
 * thread reads; `analyze`, once all are added, shares the rest as `analyzeMany` says.
 */
export function startAnalysis(
  expected: number,
  workers = Math.min(
    availableParallelism() - 1 - CORES_FOR_THE_COMPILER,
    Math.floor(expected / FILES_PER_WORKER),
    MAX_WORKERS,
  ),
): { add(text: string, options: AnalysisOptions): void; analyze(): Promise<CheckedAnalysis[]> } {
  const next = new SharedArrayBuffer(4);
  const started =
    workers < 1 || !existsSync(fileURLToPath(WORKER_SCRIPT))
      ? []
      : Array.from({ length: workers }, () => startWorker({ next }));
  const texts: string[] = [];
  const options: AnalysisOptions[] = [];
  let sent = 0;
  const send = (last: boolean) => {
    const batch = { texts: texts.slice(sent), options: options.slice(sent), last };
    sent = texts.length;
    for (const worker of started) worker.send(batch);
  };
  return {
    add(text, textOptions) {
      texts.push(text);
      options.push(textOptions);
      if (started.length > 0 && texts.length - sent >= BATCH) send(false);
    },
    async analyze() {
      if (started.length > 0) send(true);
      const claimed = new Int32Array(next);
      const analyses = new Array<CheckedAnalysis | undefined>(texts.length);
      for (let i = Atomics.add(claimed, 0, 1); i < texts.length; i = Atomics.add(claimed, 0, 1))
        analyses[i] = kept(analyzePolicyIfLoaded(texts[i], options[i]));
      for (const results of await Promise.all(started.map((worker) => worker.results)))
        for (const { index, ...result } of results) analyses[index] = remoteAnalysis(texts[index], result);
      // Texts with a syntax error, and those of a worker that failed (it could not start, or ran
      // out of memory), are left to this thread.
      const done: CheckedAnalysis[] = [];
      for (let i = 0; i < texts.length; i++) {
        if (analyses[i] === undefined) await loadGeneratedParser();
        done.push(analyses[i] ?? kept(analyzePolicy(texts[i], options[i])));
      }
      return done;
    },
  };
}

/** What the report needs of an analysis: the syntax tree of each of many files is not kept. */
function kept(analysis: Analysis): CheckedAnalysis;
function kept(analysis: Analysis | undefined): CheckedAnalysis | undefined;
function kept(analysis: Analysis | undefined): CheckedAnalysis | undefined {
  if (!analysis) return undefined;
  const { diagnostics, hasErrors, attestationType, source } = analysis;
  return { diagnostics, hasErrors, attestationType, source };
}

/**
 * A worker that loads while the files are read. It does not keep the process alive until it is
 * sent texts: a run that stops before (a usage error) ends as it would without it.
 */
function startWorker(workerData: WorkerInput): {
  send(texts: WorkerTexts): void;
  readonly results: Promise<readonly WorkerResult[]>;
} {
  const worker = new Worker(WORKER_SCRIPT, { workerData });
  worker.unref();
  const results = new Promise<readonly WorkerResult[]>((resolve) => {
    worker.once("message", (results: WorkerResult[]) => resolve(results));
    worker.once("error", () => resolve([]));
    worker.once("exit", () => resolve([]));
  });
  return {
    send(texts) {
      worker.ref();
      worker.postMessage(texts);
    },
    results,
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
