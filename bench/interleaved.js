// Side-by-side measurement for benchmarks that compare us with a floor (issue 18): contenders run in
// turns within one process, timed in CPU time (process.cpuUsage counts the threads WebCrypto and
// libuv use), and several processes each report their own figures, since on this machine one
// process can run the same code up to twice as fast as the next. Ratios are taken per process.
import { spawnSync } from "node:child_process";

/** CPU microseconds per call of each contender: warm-up, then `rounds` turns of `batch` calls each. */
export async function interleaved(contenders, { batch, rounds = 15, warmup = batch }) {
  const totals = Object.fromEntries(Object.keys(contenders).map((name) => [name, 0]));
  for (const run of Object.values(contenders)) for (let i = 0; i < warmup; i++) await run();
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const start = process.cpuUsage();
      for (let i = 0; i < batch; i++) await run();
      const used = process.cpuUsage(start);
      totals[name] += (used.user + used.system) / batch / rounds;
    }
  }
  return totals;
}

/** Runs `script --child` in `count` processes; each prints one JSON object of figures. */
export function inProcesses(script, count = 3) {
  return Array.from({ length: count }, () => {
    const child = spawnSync(process.execPath, ["--expose-gc", script, "--child"], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`${script} --child failed:\n${child.stderr}`);
    return JSON.parse(child.stdout);
  });
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One line: the figure, the floor's, their ratio (median of the processes' ratios) and the goal. */
export function ratioLine(label, runs, ours, floor, goal, unit = (us) => `${us.toFixed(2)} us`) {
  const ratio = median(runs.map((r) => r[ours] / r[floor]));
  const verdict = goal === undefined ? "" : `   goal <= ${goal}x: ${ratio <= goal ? "met" : "NOT met"}`;
  return `  ${label.padEnd(44)} ${unit(median(runs.map((r) => r[ours]))).padStart(12)}   floor ${unit(median(runs.map((r) => r[floor]))).padStart(12)}   ${ratio.toFixed(2)}x${verdict}`;
}
