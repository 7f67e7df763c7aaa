import type { Diagnostic } from "@maa-policy/parser";
import type { CheckedFile, UnreadFile } from "./checked-file.js";
import { codeFrame } from "./code-frame.js";
import { displayPosition, type Style } from "./display.js";

/** Beyond this many diagnostics a file (a binary file, say) the rest are counted, not printed. */
export const MAX_PRINTED = 50;

/** `file:line:col: severity CODE: message`, a code frame, and the hint. */
export function formatText(
  files: readonly CheckedFile[],
  style: Style,
  unread: readonly UnreadFile[] = [],
): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const diagnostics = file.analysis.diagnostics;
    for (const diagnostic of diagnostics.slice(0, MAX_PRINTED))
      out.push(formatDiagnostic(file, diagnostic, style));
    if (diagnostics.length > MAX_PRINTED)
      out.push(`${file.path}: … and ${diagnostics.length - MAX_PRINTED} more\n`);
    errors += diagnostics.filter((d) => d.severity === "error").length;
    warnings += diagnostics.filter((d) => d.severity === "warning").length;
  }
  out.push(summary(files.length, errors, warnings, unread.length));
  return out.join("\n") + "\n";
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

/** "No problems" only when every file asked for was read: it never speaks for a file it did not see. */
function summary(files: number, errors: number, warnings: number, unread: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  if (unread > 0)
    return `${plural(files, "file")} checked: ${counts}; ${plural(unread, "file")} could not be read.`;
  if (errors === 0 && warnings === 0) return `${plural(files, "file")} checked: no problems.`;
  return `${plural(files, "file")} checked: ${counts}.`;
}
