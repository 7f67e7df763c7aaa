import { analyzePolicy, applyEdits, fixAllEdits, type Analysis } from "@maa-policy/parser";
import { Option, type Command } from "commander";
import { analyzeMany } from "../analyze-many.js";
import { ExitCode } from "../exit-codes.js";
import type { CheckedFile, UnreadFile } from "../format/checked-file.js";
import { styleFor } from "../format/display.js";
import { formatJson } from "../format/json.js";
import { formatSarif } from "../format/sarif.js";
import { formatService } from "../format/service.js";
import { formatDiagnostics, formatText } from "../format/text.js";
import { writeFileAtomic } from "../atomic-write.js";
import { describeSystemError, displayName, problemLine, usageErrorLine } from "../io.js";
import { POLICY_FILES_ARGUMENT, outputOption } from "../options.js";
import { policyFiles } from "../policy-files.js";
import { readPolicyFile, readPolicyFileSync } from "../read-policy.js";
import { runOptions } from "../run-options.js";
import { writeOutput } from "../token-io.js";
import type { Report } from "./index.js";

/** `--fix` repeats, since one repair can reveal the next; syntax errors cascade a few deep at most. */
const MAX_FIX_ROUNDS = 8;

interface CheckOptions {
  format: "text" | "json" | "service" | "sarif";
  strict?: boolean;
  fix?: boolean;
  output?: string;
}

export function register(program: Command, report: Report): void {
  program
    .command("check")
    .description("check policies for syntax errors and mistakes, in the service's own words")
    .argument("<files...>", POLICY_FILES_ARGUMENT)
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "service", "sarif"])
        .default("text"),
    )
    .option("--strict", "fail on warnings too")
    .option("--fix", "apply every mechanical fix and write the files back ('-' prints the fixed policy)")
    .addOption(outputOption("write the report to a file instead of standard output"))
    .action(async (paths: string[], options: CheckOptions) => report(await check(paths, options)));
}

export async function check(paths: readonly string[], options: CheckOptions): Promise<number> {
  const files: CheckedFile[] = [];
  const unread: UnreadFile[] = [];
  let exit: number = ExitCode.Ok;
  const texts: string[] = [];
  const read: string[] = [];
  for (const path of await policyFiles(paths)) {
    // Regular files are read without an await each: with many files, awaits cost more than reading.
    const loaded = readPolicyFileSync(path) ?? (await readPolicyFile(path));
    if (typeof loaded !== "string") {
      process.stderr.write(usageErrorLine(loaded.error));
      unread.push({ path: displayName(path), message: `${loaded.error.where}: ${loaded.error.message}` });
      continue;
    }
    if (options.fix) {
      // One file after another: a fix writes the file, and says so, before the next is read.
      const fixed = await fix(path, loaded);
      exit = Math.max(exit, fixed.exit);
      files.push({ path: displayName(path), analysis: fixed.analysis });
    } else {
      texts.push(loaded);
      read.push(path);
    }
  }
  const analyses = await analyzeMany(texts);
  read.forEach((path, i) => files.push({ path: displayName(path), analysis: analyses[i] }));
  const failing = (severity: string) =>
    severity === "error" || (options.strict === true && severity === "warning");
  const report = render(files, unread, options.format, runOptions.quiet ? failing : undefined);
  if (options.output) await writeOutput(options.output, report);
  else (options.fix && paths.includes("-") ? process.stderr : process.stdout).write(report);
  const failed = files.some((f) => f.analysis.diagnostics.some((d) => failing(d.severity)));
  if (unread.length > 0) return ExitCode.Usage;
  return Math.max(exit, failed ? ExitCode.Invalid : ExitCode.Ok);
}

/** `only`, under --quiet: the text report lists just the failing diagnostics, without a summary. */
function render(
  files: readonly CheckedFile[],
  unread: readonly UnreadFile[],
  format: CheckOptions["format"],
  only?: (severity: string) => boolean,
): string {
  switch (format) {
    case "json":
      return formatJson(files, unread);
    case "sarif":
      return formatSarif(files, unread);
    case "service":
      // Unread files are already on stderr; this format has no place for them.
      return formatService(files);
    default:
      return only
        ? formatDiagnostics(files, styleFor(process.stdout), (d) => only(d.severity))
        : formatText(files, styleFor(process.stdout), unread);
  }
}

/**
 * Applies every fix, round after round, and writes the result in place (atomically). Text that
 * still has syntax errors after fixing is never written: the fixes were computed from a parse that
 * had to guess, so the file (or, for `-`, the policy printed) stays as it was.
 */
async function fix(path: string, original: string): Promise<{ analysis: Analysis; exit: number }> {
  let text = original;
  let analysis = analyzePolicy(text);
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const edits = fixAllEdits(analysis.diagnostics);
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    analysis = analyzePolicy(text);
  }
  if (text !== original && hasSyntaxErrors(analysis)) {
    const message = "not fixed: syntax errors remain after fixing, so it is left as it was";
    process.stderr.write(problemLine({ where: displayName(path), severity: "error", message }));
    text = original;
    analysis = analyzePolicy(text);
  }
  if (path === "-") process.stdout.write(text);
  else if (text !== original) {
    try {
      await writeFileAtomic(path, text);
    } catch (error) {
      const message = `cannot write: ${describeSystemError(error)}; it is left as it was`;
      process.stderr.write(problemLine({ where: path, severity: "error", message }));
      return { analysis: analyzePolicy(original), exit: ExitCode.Usage };
    }
  }
  return { analysis, exit: ExitCode.Ok };
}

function hasSyntaxErrors(analysis: Analysis): boolean {
  return analysis.diagnostics.some((d) => d.syntax !== undefined || d.code === "parser-limit");
}
