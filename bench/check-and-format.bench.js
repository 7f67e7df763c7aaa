// `policy-eval check` over many files and `fmt` on a large policy (`npm run bench check-and-format`),
// the two rows of issue 18 about whole-file work:
// - check: 1,000 policy files (corpus-shaped: the example and generated policies of 5 to 50 rules)
//   checked by the CLI, in files per second of wall time, beside the same analysis in one process
//   on one core with the texts already in memory. Goal: at least 1.8x that, i.e. both cores used
//   and files read without one await per file (the issue measured 757 files/s, about 1x).
// - fmt: formatting a 20,000-rule policy beside checking it (analyzePolicy), in CPU time, measured
//   as bench/interleaved.js says. Goal: at most 2x check (the issue measured about 7x).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzePolicy, formatPolicy } from "../packages/parser/dist/index.js";
import { generatedPolicy } from "./generated-policy.js";
import { inProcesses, interleaved, median, ratioLine } from "./interleaved.js";

const FILES = 1_000;
const FORMAT_RULES = 20_000;
const example = readFileSync(
  fileURLToPath(new URL("../examples/sgx-enclave.policy", import.meta.url)),
  "utf8",
);
const texts = Array.from({ length: FILES }, (_, i) =>
  i % 4 === 0 ? example : generatedPolicy(5 + (i % 46)),
);

if (process.argv[2] === "--child") {
  const big = generatedPolicy(FORMAT_RULES);
  const figures = await interleaved(
    { fmt: () => formatPolicy(big), check: () => analyzePolicy(big) },
    { batch: 2, rounds: 5, warmup: 2 },
  );
  console.log(JSON.stringify(figures));
  process.exit(0);
}

// check: the CLI over the files, beside the same analysis in this process.
const dir = mkdtempSync(join(tmpdir(), "maa-bench-check-"));
try {
  const files = texts.map((text, i) => {
    const file = join(dir, `policy-${i}.policy`);
    writeFileSync(file, text);
    return file;
  });
  const bin = fileURLToPath(new URL("../packages/cli/bin/policy-eval.js", import.meta.url));
  const cli = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, [bin, "check", ...files], { encoding: "utf8" });
    cli.push(performance.now() - start);
    if (child.status !== 0)
      throw new Error(`check failed (${child.status}):\n${child.stdout}${child.stderr}`);
  }
  for (let i = 0; i < 3; i++) texts.forEach((text) => analyzePolicy(text));
  const inProcess = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    texts.forEach((text) => analyzePolicy(text));
    inProcess.push(performance.now() - start);
  }
  const perSecond = (ms) => FILES / (ms / 1000);
  const [ours, oneCore] = [perSecond(median(cli)), perSecond(median(inProcess))];
  console.log(`check, ${FILES} files (median wall time of 5 runs)`);
  console.log(`  analysis alone, one core, texts in memory     ${oneCore.toFixed(0).padStart(6)} files/s`);
  console.log(
    `  policy-eval check (reads, analyses, reports)  ${ours.toFixed(0).padStart(6)} files/s   ${(ours / oneCore).toFixed(2)}x one core   goal >= 1.8x: ${ours / oneCore >= 1.8 ? "met" : "NOT met"}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const runs = inProcesses(fileURLToPath(import.meta.url));
const ms = (us) => `${(us / 1000).toFixed(1)} ms`;
console.log(
  `\nfmt, a ${FORMAT_RULES.toLocaleString("en")}-rule policy (CPU time; median of 3 processes; floor: check)`,
);
console.log(ratioLine("formatPolicy", runs, "fmt", "check", 2, ms));
