import { writeFile } from "node:fs/promises";
import { analyzePolicy, applyEdits, decodePolicyBytes, fixAllEdits, type Analysis } from "@maa-policy/parser";
import { Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import type { CheckedFile, UnreadFile } from "../format/checked-file.js";
import { styleFor } from "../format/display.js";
import { formatJson } from "../format/json.js";
import { formatSarif } from "../format/sarif.js";
import { formatService } from "../format/service.js";
import { formatText } from "../format/text.js";
import { describeReadError, readInputBytes } from "../io.js";
import type { Report } from "./index.js";

/** A policy larger than this is refused before parsing: no real policy comes near it. */
export const MAX_POLICY_BYTES = 16 * 1024 * 1024;
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
  for (const path of paths) {
    const loaded = await loadPolicy(path);
    if (typeof loaded !== "string") {
      process.stderr.write(`policy-eval: ${loaded.error}\n`);
      unread.push({ path: path === "-" ? "<stdin>" : path, message: loaded.error });
      continue;
    }
    const analysis = options.fix ? await fix(path, loaded) : analyzePolicy(loaded);
    files.push({ path: path === "-" ? "<stdin>" : path, analysis });
  }
  const out = options.fix && paths.includes("-") ? process.stderr : process.stdout;
  out.write(render(files, unread, options.format));
  const failed = files.some(
    (f) =>
      f.analysis.hasErrors ||
      (options.strict && f.analysis.diagnostics.some((d) => d.severity === "warning")),
  );
  if (unread.length > 0) return ExitCode.Usage;
  return failed ? ExitCode.Invalid : ExitCode.Ok;
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
  if (bytes.length > MAX_POLICY_BYTES)
    return { error: `${path}: larger than ${MAX_POLICY_BYTES} bytes; not a policy` };
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
