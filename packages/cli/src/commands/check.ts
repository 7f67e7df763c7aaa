import {
  analyzePolicy,
  applyEdits,
  automaticFix,
  loadGeneratedParser,
  type Analysis,
  type AnalysisOptions,
  type AttestationType,
} from "@maa-policy/parser";
import { Option, type Command } from "commander";
import { startAnalysis } from "../analyze-many.js";
import { ExitCode } from "../exit-codes.js";
import type { AppliedFix, CheckedFile, UnreadFile } from "../output/checked-file.js";
import { styleFor } from "../output/display.js";
import { formatJson } from "../output/json.js";
import { formatSarif } from "../output/sarif.js";
import { formatService } from "../output/service.js";
import { formatDiagnostics, formatText } from "../output/text.js";
import { writeFileAtomic } from "../atomic-write.js";
import {
  describeSystemError,
  displayName,
  problemLine,
  usageErrorLine,
  UsageError,
  writeOutput,
} from "../io.js";
import { POLICY_FILES_ARGUMENT, outputOption } from "../options.js";
import {
  analysisOptions,
  attestationTypeOption,
  configReaderForRun,
  type ConfigReader,
} from "../policy-context.js";
import { policyFiles } from "../policy-files.js";
import { readPolicyFile, readPolicyFileSync } from "../read-policy.js";
import { runOptions } from "../run-options.js";
import type { Report } from "./index.js";

/** `--fix` repeats, since one repair can reveal the next; syntax errors cascade a few deep at most. */
const MAX_FIX_ROUNDS = 8;

interface CheckOptions {
  format: "text" | "json" | "service" | "sarif";
  strict?: boolean;
  fix?: boolean;
  output?: string;
  attestationType?: string;
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
    .option(
      "--attestation-type <type>",
      "the claims to check against when the policy's pragma and maa-policy.json say nothing (sgx, openenclave, tpm, vbs, sevsnpvm, tdxvm, azureguest)",
    )
    .option("--fix", "apply every mechanical fix and write the files back ('-' prints the fixed policy)")
    .addOption(outputOption("write the report to a file instead of standard output"))
    .action(async (paths: string[], options: CheckOptions) => report(await check(paths, options)));
}

export async function check(paths: readonly string[], options: CheckOptions): Promise<number> {
  // Files are analysed synchronously, and any of them may have a syntax error to report.
  await loadGeneratedParser();
  const files: CheckedFile[] = [];
  const unread: UnreadFile[] = [];
  let exit: number = ExitCode.Ok;
  const type = attestationTypeOption(options.attestationType);
  if (typeof type === "object") throw new UsageError(type.error);
  const texts: string[] = [];
  const contexts: AnalysisOptions[] = [];
  const read: string[] = [];
  const configs = configReaderForRun();
  const found = await policyFiles(paths);
  // Workers load while the files are read; --fix reads, fixes and writes one file after another.
  const analysis = options.fix ? undefined : startAnalysis(found.length);
  for (const path of found) {
    const loaded = await readWithContext(path, type, configs);
    if ("error" in loaded) {
      process.stderr.write(usageErrorLine(loaded.error));
      unread.push({ path: displayName(path), message: `${loaded.error.where}: ${loaded.error.message}` });
      continue;
    }
    const { text, context } = loaded;
    if (options.fix) {
      // One file after another: a fix writes the file, and says so, before the next is read.
      const fixed = await fix(path, text, context);
      exit = Math.max(exit, fixed.exit);
      files.push({ path: displayName(path), analysis: fixed.analysis, fixed: fixed.fixed });
    } else {
      texts.push(text);
      contexts.push(context);
      read.push(path);
    }
  }
  const analyses = analysis ? await analysis.analyze(texts, contexts) : [];
  read.forEach((path, i) => files.push({ path: displayName(path), analysis: analyses[i], fixed: [] }));
  const failing = (severity: string) =>
    severity === "error" || (options.strict === true && severity === "warning");
  const report = render(files, unread, options.format, runOptions.quiet ? failing : undefined);
  if (options.output) await writeOutput(options.output, report);
  else (options.fix && paths.includes("-") ? process.stderr : process.stdout).write(report);
  const failed = files.some((f) => f.analysis.diagnostics.some((d) => failing(d.severity)));
  if (unread.length > 0) return ExitCode.Usage;
  return Math.max(exit, failed ? ExitCode.Invalid : ExitCode.Ok);
}

/** A policy and what it is analysed with: the project config is read with it, and is its problem. */
async function readWithContext(
  path: string,
  type: AttestationType | undefined,
  configs: ConfigReader,
): Promise<{ text: string; context: AnalysisOptions } | { error: UsageError }> {
  // Regular files are read without an await each: with many files, awaits cost more than reading.
  const text = readPolicyFileSync(path) ?? (await readPolicyFile(path));
  if (typeof text !== "string") return text;
  const context = analysisOptions(path, type, configs);
  return "error" in context ? context : { text, context };
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
 * Applies the automatic fixes, round after round, says which, and writes the result in place
 * (atomically); offered fixes stay listed. Text that still has syntax errors after fixing is never
 * written: the fixes were computed from a parse that had to guess, so the file (or, for `-`, the
 * policy printed) stays as it was.
 */
async function fix(
  path: string,
  original: string,
  options: AnalysisOptions,
): Promise<{ analysis: Analysis; fixed: AppliedFix[]; exit: number }> {
  let text = original;
  let analysis = analyzePolicy(text, options);
  const fixed: AppliedFix[] = [];
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const fixes = analysis.diagnostics.flatMap((d) => automaticFix(d) ?? []);
    if (fixes.length === 0) break;
    const next = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    if (next === text) break;
    for (const f of fixes) fixed.push({ title: f.title, line: f.edits[0].range.start.line + 1 });
    text = next;
    analysis = analyzePolicy(text, options);
  }
  if (text !== original && hasSyntaxErrors(analysis)) {
    const message = "not fixed: syntax errors remain after fixing, so it is left as it was";
    process.stderr.write(problemLine({ where: displayName(path), severity: "error", message }));
    text = original;
    analysis = analyzePolicy(text, options);
    fixed.length = 0;
  }
  if (path === "-") process.stdout.write(text);
  else if (text !== original) {
    try {
      await writeFileAtomic(path, text);
    } catch (error) {
      const message = `cannot write: ${describeSystemError(error)}; it is left as it was`;
      process.stderr.write(problemLine({ where: path, severity: "error", message }));
      return { analysis: analyzePolicy(original, options), fixed: [], exit: ExitCode.Usage };
    }
  }
  return { analysis, fixed, exit: ExitCode.Ok };
}

function hasSyntaxErrors(analysis: Analysis): boolean {
  return analysis.diagnostics.some((d) => d.syntax !== undefined || d.code === "parser-limit");
}
