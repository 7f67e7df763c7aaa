import type { Diagnostic } from "@maa-policy/parser";
import type { CheckedFile } from "./checked-file.js";
import { codeFrame } from "./code-frame.js";
import { displayPosition, type Style } from "./display.js";

/** Beyond this many diagnostics a file (a binary file, say) the rest are counted, not printed. */
export const MAX_PRINTED = 50;

/** `file:line:col: severity CODE: message`, a code frame, and the hint; then a summary. */
export function formatText(files: readonly CheckedFile[], style: Style): string {
  const all = files.flatMap((file) => file.analysis.diagnostics);
  const count = (severity: string) => all.filter((d) => d.severity === severity).length;
  const listed = formatDiagnostics(files, style, () => true);
  return `${listed}${listed ? "\n" : ""}${summary(files.length, count("error"), count("warning"))}\n`;
}

/** The diagnostics that pass `include`, without a summary ("" when there are none). */
export function formatDiagnostics(
  files: readonly CheckedFile[],
  style: Style,
  include: (diagnostic: Diagnostic) => boolean,
): string {
  const out: string[] = [];
  for (const file of files) {
    const diagnostics = file.analysis.diagnostics.filter(include);
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
  const fix = diagnostic.fixes?.length
    ? `\n  ${style.dim("fix:")} ${diagnostic.fixes[0].title} (policy-eval check --fix)`
    : "";
  return `${head}\n${frame}${hint}${fix}\n`;
}

function summary(files: number, errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (errors === 0 && warnings === 0) return `${plural(files, "file")} checked: no problems.`;
  return `${plural(files, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`;
}
