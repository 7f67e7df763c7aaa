import { Worker } from "node:worker_threads";
import { MAX_EVALUATION_MS } from "@maa-policy/evaluator";
import { EvaluationAborted } from "./evaluation-aborted.js";
import type { EvaluationJob, EvaluationOutcome } from "./evaluation-worker.js";

/**
 * The heap an evaluation may use, in megabytes: past it the worker, not the server, is ended.
 * An evaluation within every evaluator bound stays far below it (docs/limits.md).
 */
export const EVALUATION_MEMORY_MB = 512;

/**
 * How long past its own time limit an evaluation may take before its worker is ended: the
 * evaluator stops itself at the limit, so this only catches work it does not measure (parsing
 * the policy, a single long library call).
 */
export const EVALUATION_GRACE_MS = 5_000;

export interface RunnerOptions {
  /** The script the worker runs: the server's entry, which serves evaluations in a worker thread. */
  readonly script: URL;
  readonly timeLimitMs?: number;
  readonly memoryMb?: number;
  /** Default `EVALUATION_GRACE_MS`. */
  readonly graceMs?: number;
}

/**
 * Runs evaluations in a worker thread with a heap limit and a deadline, one at a time, so that
 * an evaluation can neither block the server (hover, diagnostics) nor end it: the worker is ended
 * instead, on the deadline, on cancellation, or by V8 when its heap is spent, and the next
 * evaluation starts a new one.
 */
export class EvaluationRunner {
  private worker: Worker | undefined;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  readonly timeLimitMs: number;
  readonly memoryMb: number;
  /** After this long a job is given up and its worker ended. */
  readonly deadlineMs: number;

  constructor(private readonly options: RunnerOptions) {
    this.timeLimitMs = options.timeLimitMs ?? MAX_EVALUATION_MS;
    this.memoryMb = options.memoryMb ?? EVALUATION_MEMORY_MB;
    this.deadlineMs = this.timeLimitMs + (options.graceMs ?? EVALUATION_GRACE_MS);
  }

  /** Resolves to the outcome, or rejects with `EvaluationAborted`. */
  run(
    job: Omit<EvaluationJob, "id" | "timeLimitMs">,
    onCancel: (cancel: () => void) => void,
  ): Promise<EvaluationOutcome> {
    const next = this.queue.then(() => this.runOne(job, onCancel));
    this.queue = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private runOne(
    job: Omit<EvaluationJob, "id" | "timeLimitMs">,
    onCancel: (cancel: () => void) => void,
  ): Promise<EvaluationOutcome> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<EvaluationOutcome>((resolve, reject) => {
      let settled = false;
      const finish = (outcome?: EvaluationOutcome, aborted?: EvaluationAborted["reason"]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (aborted) {
          // A worker that is cancelled, late or dead is not reused: the next job starts a new one.
          if (this.worker === worker) this.worker = undefined;
          void worker.terminate();
          reject(new EvaluationAborted(aborted));
        } else resolve(outcome!);
      };
      const onMessage = (message: { id: number; outcome: EvaluationOutcome }) => {
        if (message.id === id) finish(message.outcome);
      };
      const onError = (error: Error & { code?: string }) => {
        finish(undefined, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crashed");
      };
      const onExit = () => finish(undefined, "crashed");
      const timer = setTimeout(() => finish(undefined, "timeout"), this.deadlineMs);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      onCancel(() => finish(undefined, "cancelled"));
      worker.postMessage({ ...job, id, timeLimitMs: this.timeLimitMs } satisfies EvaluationJob);
    });
  }

  private start(): Worker {
    const worker = new Worker(this.options.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
      // Not the server's own flags: a test runner's (`--conditions source`) would point the
      // worker's imports at TypeScript sources.
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    // An idle worker must not keep the server's process alive after `exit`.
    worker.unref();
    return worker;
  }
}
