// Issue 16's proof "`check` time on the corpus stays within 10% of today's": the parser and checker
// as they were before issue 16 (commit 31458f6) beside today's, both loaded in one process and
// interleaved on the corpus (analyzePolicy: parse and check), CPU time, median of three processes'
// ratios (bench/interleaved.js). `npm run bench parse` runs it; on its own:
//   node bench/check-before-issue-16.js
// The first run builds that commit's parser package under the system's temporary folder (git
// archive, the generator and tsc from this checkout's node_modules; about half a minute) and keeps
// it there for the next runs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inProcesses, interleaved, median } from "./interleaved.js";

const BEFORE = "31458f6";
const root = fileURLToPath(new URL("..", import.meta.url));
const corpusDir = join(root, "..", "shared", "corpus");
const built = join(tmpdir(), `maa-policy-parser-${BEFORE}`);
const beforeEntry = join(built, "packages", "parser", "dist", "index.js");

/** That commit's parser package, built once with today's tools; undefined without git history. */
function buildBefore() {
  // A build kept from another checkout links that checkout's node_modules, which may be gone.
  if (existsSync(beforeEntry) && existsSync(join(built, "node_modules", "antlr4ng"))) return beforeEntry;
  rmSync(built, { recursive: true, force: true });
  mkdirSync(built, { recursive: true });
  try {
    const archive = execFileSync("git", [
      "-C",
      root,
      "archive",
      BEFORE,
      "packages/parser",
      "grammar",
      "tsconfig.base.json",
    ]);
    execFileSync("tar", ["-x", "-C", built], { input: archive });
    symlinkSync(join(root, "node_modules"), join(built, "node_modules"));
    const parser = join(built, "packages", "parser");
    if (existsSync(join(root, "packages", "parser", "node_modules")))
      symlinkSync(join(root, "packages", "parser", "node_modules"), join(parser, "node_modules"));
    const bin = (name) => join(root, "node_modules", ".bin", name);
    const generate = ["-Dlanguage=TypeScript", "--generate-listener", "false", "--generate-visitor", "false"];
    execFileSync(bin("antlr-ng"), [...generate, "-o", "src/generated", "../../grammar/MaaPolicy.g4"], {
      cwd: parser,
    });
    execFileSync(bin("tsc"), ["-b", parser]);
    return beforeEntry;
  } catch (error) {
    rmSync(built, { recursive: true, force: true });
    console.log(`  corpus: the checker before issue 16 could not be built (${error.message.split("\n")[0]})`);
    return undefined;
  }
}

async function child() {
  const today = await import("../packages/parser/dist/index.js");
  // Today the generated parser (for text with a syntax error) is loaded on demand, before parsing.
  await today.loadGeneratedParser();
  const before = await import(pathToFileURL(beforeEntry).href);
  const texts = readdirSync(corpusDir)
    .filter((f) => f.endsWith(".policy.txt"))
    .map((f) => readFileSync(join(corpusDir, f), "utf8"));
  const figures = await interleaved(
    {
      today: () => texts.forEach((text) => today.analyzePolicy(text)),
      before: () => texts.forEach((text) => before.analyzePolicy(text)),
    },
    { batch: 20, rounds: 15 },
  );
  console.log(JSON.stringify({ ...figures, policies: texts.length }));
}

/** Prints the line; `npm run bench parse` calls this after its own corpus lines. */
export function reportBeforeIssue16() {
  if (!existsSync(corpusDir)) return;
  if (!buildBefore()) return;
  const runs = inProcesses(fileURLToPath(import.meta.url));
  const ratios = runs.map((r) => r.today / r.before);
  const ratio = median(ratios);
  const perPolicy = (us) => `${(us / runs[0].policies / 1000).toFixed(3)} ms`;
  console.log(
    `  corpus: parse + check today ${perPolicy(median(runs.map((r) => r.today)))} per policy, before issue 16 (${BEFORE}) ${perPolicy(median(runs.map((r) => r.before)))}: ${ratio.toFixed(2)}x (processes: ${ratios.map((r) => r.toFixed(2)).join(", ")})   goal <= 1.10x: ${ratio <= 1.1 ? "met" : "NOT met"}`,
  );
}

if (process.argv[2] === "--child") await child();
else if (process.argv[1] === fileURLToPath(import.meta.url)) reportBeforeIssue16();
