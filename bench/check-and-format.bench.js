// `policy-eval check` over many files and `fmt` on a large policy (`npm run bench check-and-format`),
// the two rows of issue 18 about whole-file work:
// - check: 1,000 policy files (corpus-shaped: the example and generated policies of 5 to 50 rules)
//   checked by the CLI, in files per second of wall time, beside the issue's own baseline measured
//   in the same run: the way the CLI checked files before issue 18, in a process of its own as the
//   CLI runs, with the CLI's reader, config lookup and report (one file after another, one await
//   per file read, then its analysis, on one core).
//   Goal: at least 1.8x that (the issue measured 757 files/s for it). The CLI and the baseline run
//   in turns, five times each. The same analysis on texts already in memory, warm, in this process,
//   is printed too: the floor of the analysis itself.
// - fmt: formatting a 20,000-rule policy beside checking it (analyzePolicy), in CPU time, measured
//   as bench/interleaved.js says. Goal: at most 2x check (the issue measured about 7x).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzePolicy, formatPolicy, loadGeneratedParser } from "../packages/parser/dist/index.js";
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

/**
 * The baseline, in a process of its own: `check` as it was before issue 18, with the CLI's own
 * modules (its reader, the project config lookup, the text report), one file after another, one
 * await per file read, then its analysis. Only the command-line parsing is left out.
 */
if (process.argv[2] === "--one-await-per-file") {
  const cli = (module) => import(`../packages/cli/dist/${module}.js`);
  const [{ readPolicyFile }, { analysisOptions }, { formatText }, { styleFor }] = await Promise.all(
    ["read-policy", "policy-context", "output/text", "output/display"].map(cli),
  );
  // As the CLI does today: the generated parser, for text with a syntax error, is loaded first.
  await loadGeneratedParser();
  const files = [];
  for (const path of process.argv.slice(3)) {
    const text = await readPolicyFile(path);
    const context = analysisOptions(path, undefined);
    if (typeof text !== "string" || "error" in context) throw new Error(`${path} unread`);
    files.push({ path, analysis: analyzePolicy(text, context), fixed: [] });
  }
  process.stdout.write(formatText(files, styleFor(process.stdout)));
  process.exit(0);
}

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
  const script = fileURLToPath(import.meta.url);
  const wall = (args) => {
    const start = performance.now();
    const child = spawnSync(process.execPath, args, { encoding: "utf8" });
    const ms = performance.now() - start;
    if (child.status !== 0)
      throw new Error(`${args[1]} failed (${child.status}):\n${child.stdout}${child.stderr}`);
    return ms;
  };
  const cli = [];
  const baseline = [];
  for (let run = 0; run < 5; run++) {
    cli.push(wall([bin, "check", ...files]));
    baseline.push(wall([script, "--one-await-per-file", ...files]));
  }
  for (let i = 0; i < 3; i++) texts.forEach((text) => analyzePolicy(text));
  const inProcess = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    texts.forEach((text) => analyzePolicy(text));
    inProcess.push(performance.now() - start);
  }
  const perSecond = (ms) => FILES / (ms / 1000);
  const [ours, before, warm] = [
    perSecond(median(cli)),
    perSecond(median(baseline)),
    perSecond(median(inProcess)),
  ];
  const ratio = ours / before;
  console.log(`check, ${FILES} files (median wall time of 5 runs each, in turns)`);
  console.log(
    `  before issue 18: one await per file, one core, own process   ${before.toFixed(0).padStart(6)} files/s   (the issue measured 757)`,
  );
  console.log(
    `  policy-eval check (reads, analyses, reports)                 ${ours.toFixed(0).padStart(6)} files/s   ${ratio.toFixed(2)}x   goal >= 1.8x: ${ratio >= 1.8 ? "met" : "NOT met"}`,
  );
  console.log(
    `  the analysis alone, texts in memory, warm, one core          ${warm.toFixed(0).padStart(6)} files/s   (floor of the analysis)`,
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
