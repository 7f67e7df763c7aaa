import { analyzePolicy, applyEdits, decodePolicyBytes, fixAllEdits, type Analysis } from "@maa-policy/parser";
import { Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import type { CheckedFile, UnreadFile } from "../format/checked-file.js";
import { styleFor } from "../format/display.js";
import { formatJson } from "../format/json.js";
import { formatSarif } from "../format/sarif.js";
import { formatService } from "../format/service.js";
import { formatText } from "../format/text.js";
import { writeFileAtomic } from "../atomic-write.js";
import { describeReadError, describeSystemError, readInputBytes } from "../io.js";
import type { Report } from "./index.js";

/** `--fix` repeats, since one repair can reveal the next; syntax errors cascade a few deep at most. */
const MAX_FIX_ROUNDS = 8;

interface CheckOptions {
  format: "text" | "json" | "service" | "sarif";
  strict?: boolean;
  fix?: boolean;
}

export function register(program: Command, report: Report): void {
  program
    .command("check")
    .description("check policies for syntax errors and mistakes, in the service's own words")
    .argument("<files...>", "policy files ('-' reads standard input)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "service", "sarif"])
        .default("text"),
    )
    .option("--strict", "fail on warnings too")
    .option("--fix", "apply every mechanical fix and write the files back ('-' prints the fixed policy)")
    .action(async (paths: string[], options: CheckOptions) => report(await check(paths, options)));
}

export async function check(paths: readonly string[], options: CheckOptions): Promise<number> {
  const files: CheckedFile[] = [];
  const unread: UnreadFile[] = [];
  let exit: number = ExitCode.Ok;
  for (const path of paths) {
    const loaded = await loadPolicy(path);
    if (typeof loaded !== "string") {
      process.stderr.write(`policy-eval: ${loaded.error}\n`);
      unread.push({ path: path === "-" ? "<stdin>" : path, message: loaded.error });
      continue;
    }
    const fixed = options.fix ? await fix(path, loaded) : { analysis: analyzePolicy(loaded), exit };
    exit = Math.max(exit, fixed.exit);
    files.push({ path: path === "-" ? "<stdin>" : path, analysis: fixed.analysis });
  }
  const out = options.fix && paths.includes("-") ? process.stderr : process.stdout;
  out.write(render(files, unread, options.format));
  const failed = files.some(
    (f) =>
      f.analysis.hasErrors ||
      (options.strict && f.analysis.diagnostics.some((d) => d.severity === "warning")),
  );
  if (unread.length > 0) return ExitCode.Usage;
  return Math.max(exit, failed ? ExitCode.Invalid : ExitCode.Ok);
}

/**
 * Reads a policy, or says why it cannot be read: every command that reads one comes here, so a
 * file that is not UTF-8 is refused with where and why, never checked or hashed with U+FFFD in it.
 */
export async function loadPolicy(path: string): Promise<string | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputBytes(path);
  } catch (error) {
    return { error: describeReadError(path, error) };
  }
  const decoded = decodePolicyBytes(bytes);
  if (!decoded.ok)
    return {
      error: `${path === "-" ? "<stdin>" : path}:${decoded.line}:${decoded.column}: ${decoded.message}`,
    };
  return decoded.text;
}

function render(
  files: readonly CheckedFile[],
  unread: readonly UnreadFile[],
  format: CheckOptions["format"],
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
      return formatText(files, styleFor(process.stdout), unread);
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
    process.stderr.write(
      `policy-eval: ${path === "-" ? "<stdin>" : path}: not fixed: syntax errors remain after fixing, so it is left as it was\n`,
    );
    text = original;
    analysis = analyzePolicy(text);
  }
  if (path === "-") process.stdout.write(text);
  else if (text !== original) {
    try {
      await writeFileAtomic(path, text);
    } catch (error) {
      process.stderr.write(
        `policy-eval: cannot write ${path}: ${describeSystemError(error)}; it is left as it was\n`,
      );
      return { analysis: analyzePolicy(original), exit: ExitCode.Usage };
    }
  }
  return { analysis, exit: ExitCode.Ok };
}

function hasSyntaxErrors(analysis: Analysis): boolean {
  return analysis.diagnostics.some((d) => d.syntax !== undefined || d.code === "parser-limit");
}
