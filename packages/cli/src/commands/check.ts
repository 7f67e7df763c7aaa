import { writeFile } from "node:fs/promises";
import { analyzePolicy, applyEdits, fixAllEdits, type Analysis } from "@maa-policy/parser";
import { Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import type { CheckedFile } from "../format/checked-file.js";
import { styleFor } from "../format/display.js";
import { formatJson } from "../format/json.js";
import { formatSarif } from "../format/sarif.js";
import { formatService } from "../format/service.js";
import { formatDiagnostics, formatText } from "../format/text.js";
import { readError, readInput, usageErrorLine, UsageError } from "../io.js";
import { POLICY_FILES_ARGUMENT, outputOption } from "../options.js";
import { policyFiles } from "../policy-files.js";
import { runOptions } from "../run-options.js";
import { writeOutput } from "../token-io.js";
import type { Report } from "./index.js";

/** A policy larger than this is refused before parsing: no real policy comes near it. */
export const MAX_POLICY_BYTES = 16 * 1024 * 1024;
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
  let exit: number = ExitCode.Ok;
  for (const path of await policyFiles(paths)) {
    const loaded = await loadPolicy(path);
    if (typeof loaded !== "string") {
      process.stderr.write(usageErrorLine(loaded.error));
      exit = ExitCode.Usage;
      continue;
    }
    const analysis = options.fix ? await fix(path, loaded) : analyzePolicy(loaded);
    files.push({ path: path === "-" ? "<stdin>" : path, analysis });
  }
  const failing = (severity: string) =>
    severity === "error" || (options.strict === true && severity === "warning");
  const report = render(files, options.format, runOptions.quiet ? failing : undefined);
  if (options.output) await writeOutput(options.output, report);
  else (options.fix && paths.includes("-") ? process.stderr : process.stdout).write(report);
  const failed = files.some((f) => f.analysis.diagnostics.some((d) => failing(d.severity)));
  return Math.max(exit, failed ? ExitCode.Invalid : ExitCode.Ok);
}

/** Reads a policy, or says why it cannot be read. */
export async function loadPolicy(path: string): Promise<string | { error: UsageError }> {
  try {
    const text = await readInput(path);
    if (text.length > MAX_POLICY_BYTES)
      return { error: new UsageError(`larger than ${MAX_POLICY_BYTES} bytes; not a policy`, path) };
    return text;
  } catch (error) {
    return { error: readError(path, error) };
  }
}

/** `only`, under --quiet: the text report lists just the failing diagnostics, without a summary. */
function render(
  files: readonly CheckedFile[],
  format: CheckOptions["format"],
  only?: (severity: string) => boolean,
): string {
  switch (format) {
    case "json":
      return formatJson(files);
    case "sarif":
      return formatSarif(files);
    case "service":
      return formatService(files);
    default:
      return only
        ? formatDiagnostics(files, styleFor(process.stdout), (d) => only(d.severity))
        : formatText(files, styleFor(process.stdout));
  }
}

async function fix(path: string, original: string): Promise<Analysis> {
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
  if (path === "-") process.stdout.write(text);
  else if (text !== original) await writeFile(path, text, "utf8");
  return analysis;
}
