import { automaticFix, type Diagnostic } from "@maa-policy/parser";
import type { CheckedFile, UnreadFile } from "./checked-file.js";
import { codeFrame } from "./code-frame.js";
import { displayPosition, type Style } from "./display.js";

/** Beyond this many diagnostics a file (a binary file, say) the rest are counted, not printed. */
export const MAX_PRINTED = 50;

/** `file:line:col: severity CODE: message`, a code frame, and the hint; then a summary. */
export function formatText(
  files: readonly CheckedFile[],
  style: Style,
  unread: readonly UnreadFile[] = [],
): string {
  const all = files.flatMap((file) => file.analysis.diagnostics);
  const count = (severity: string) => all.filter((d) => d.severity === severity).length;
  const listed = formatDiagnostics(files, style, () => true, true);
  const total = summary(files.length, count("error"), count("warning"), unread.length);
  return `${listed}${listed ? "\n" : ""}${total}\n`;
}

/**
 * The diagnostics that pass `include`, without a summary ("" when there are none); with `notes`,
 * each file's applied fixes and how its attestation type was found go before them.
 */
export function formatDiagnostics(
  files: readonly CheckedFile[],
  style: Style,
  include: (diagnostic: Diagnostic) => boolean,
  notes = false,
): string {
  const out: string[] = [];
  for (const file of files) {
    const diagnostics = file.analysis.diagnostics.filter(include);
    if (notes) {
      for (const fixed of file.fixed ?? []) out.push(`${file.path}:${fixed.line}: fixed: ${fixed.title}`);
      const inferred = inferredNote(file);
      if (inferred) out.push(inferred);
    }
    for (const diagnostic of diagnostics.slice(0, MAX_PRINTED))
      out.push(formatDiagnostic(file, diagnostic, style));
    if (diagnostics.length > MAX_PRINTED)
      out.push(`${file.path}: … and ${diagnostics.length - MAX_PRINTED} more\n`);
  }
  return out.join("\n");
}

export function formatDiagnostic(file: CheckedFile, diagnostic: Diagnostic, style: Style): string {
  const { line, column } = displayPosition(diagnostic.range.start);
  const mark = (text: string) => style.severity(diagnostic.severity, text);
  const head = `${style.bold(`${file.path}:${line}:${column}`)}: ${mark(`${diagnostic.severity} ${diagnostic.code}`)}: ${diagnostic.message}`;
  const frame = codeFrame(file.analysis.source.lines, diagnostic.range, style, mark);
  const hint = diagnostic.hint ? `\n  ${style.dim("hint:")} ${diagnostic.hint}` : "";
  const fix = fixLine(diagnostic, style);
  return `${head}\n${frame}${hint}${fix}\n`;
}

/** An attestation type nobody set is said to be inferred, and how to set it. */
function inferredNote(file: CheckedFile): string | undefined {
  const { type, source, because } = file.analysis.attestationType;
  if (source !== "inferred") return undefined;
  return `${file.path}: note: claims checked for ${type} attestation, inferred from ${because} (set it with --attestation-type, a '// maa-policy: attestation-type=${type}' comment or maa-policy.json)`;
}

/** The fix `--fix` applies, or the fixes only offered (several candidates, or another meaning). */
function fixLine(diagnostic: Diagnostic, style: Style): string {
  const fixes = diagnostic.fixes ?? [];
  if (fixes.length === 0) return "";
  const automatic = automaticFix(diagnostic);
  if (automatic) return `\n  ${style.dim("fix:")} ${automatic.title} (policy-eval check --fix)`;
  const why = fixes.length > 1 ? "several candidates" : "it changes what the policy does";
  return `\n  ${style.dim("offered:")} ${fixes.map((f) => f.title).join("; ")} (not applied by --fix: ${why})`;
}

/** "No problems" only when every file asked for was read: it never speaks for a file it did not see. */
function summary(files: number, errors: number, warnings: number, unread: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  if (unread > 0)
    return `${plural(files, "file")} checked: ${counts}; ${plural(unread, "file")} could not be read.`;
  if (errors === 0 && warnings === 0) return `${plural(files, "file")} checked: no problems.`;
  return `${plural(files, "file")} checked: ${counts}.`;
}
