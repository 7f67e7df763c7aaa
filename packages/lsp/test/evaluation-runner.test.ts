import { afterEach, describe, expect, it } from "vitest";
import { abortedError, EvaluationAborted } from "../src/evaluation-aborted.js";
import { EvaluationRunner } from "../src/evaluation-runner.js";

/** A worker script as a data: URL (an ES module), standing in for the server's entry. */
const script = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);

/** Answers every job at once with a fixed outcome. */
const ANSWERS = `import { parentPort } from "node:worker_threads";
parentPort.on("message", (job) => parentPort.postMessage({ id: job.id, outcome: { verdict: "permit", issued: [], properties: [], trace: [] } }));`;

const JOB = { policyText: "", claimsText: "" };
const never = () => undefined;
let runner: EvaluationRunner | undefined;
afterEach(() => runner?.dispose());

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "finished";
  } catch (error) {
    return error instanceof EvaluationAborted ? error.reason : String(error);
  }
}

describe("the evaluation worker: whatever the job does, the server's thread goes on", () => {
  it("answers jobs one after another from one worker", async () => {
    runner = new EvaluationRunner({ script: script(ANSWERS) });
    const outcomes = await Promise.all([runner.run(JOB, never), runner.run(JOB, never)]);
    expect(outcomes.map((o) => o.verdict)).toEqual(["permit", "permit"]);
  });

  it("ends a job that runs past its deadline, and the next job gets a new worker", async () => {
    const source = `import { parentPort } from "node:worker_threads";
let first = true;
parentPort.on("message", (job) => { if (first) for (;;); parentPort.postMessage({ id: job.id, outcome: {} }); });`;
    runner = new EvaluationRunner({ script: script(source), timeLimitMs: 10, graceMs: 0 });
    expect(await reason(runner.run(JOB, never))).toBe("timeout");
    expect(abortedError("timeout", runner).message).toBe(
      "Policy Engine Exception: Evaluation stopped: it did not finish within 10 ms.",
    );
    // A new worker, whose `first` is true again: so it too runs past the deadline.
    expect(await reason(runner.run(JOB, never))).toBe("timeout");
  });

  it("ends a job whose worker spends its heap, as V8 reports it", async () => {
    const source = `import { parentPort } from "node:worker_threads";
parentPort.on("message", () => { const all = []; for (;;) all.push(new Array(100_000).fill(all.length)); });`;
    runner = new EvaluationRunner({ script: script(source), memoryMb: 16 });
    expect(await reason(runner.run(JOB, never))).toBe("memory");
    expect(abortedError("memory", runner).message).toBe(
      "Policy Engine Exception: Evaluation stopped: it used more than 16 MB of memory.",
    );
  });

  it("ends a job on cancellation", async () => {
    const source = `import { parentPort } from "node:worker_threads"; parentPort.on("message", () => { for (;;); });`;
    runner = new EvaluationRunner({ script: script(source) });
    expect(await reason(runner.run(JOB, (cancel) => setTimeout(cancel, 10)))).toBe("cancelled");
  });

  it("reports a worker that exits without answering", async () => {
    const source = `import { parentPort } from "node:worker_threads"; parentPort.on("message", () => process.exit(3));`;
    runner = new EvaluationRunner({ script: script(source) });
    expect(await reason(runner.run(JOB, never))).toBe("crashed");
  });
});
