import type { Diagnostic } from "@maa-policy/parser";
import type { CheckedFile } from "./checked-file.js";
import { codeFrame } from "./code-frame.js";
import { displayPosition, type Style } from "./display.js";

/** Beyond this many diagnostics a file (a binary file, say) the rest are counted, not printed. */
export const MAX_PRINTED = 50;

/** `file:line:col: severity CODE: message`, a code frame, and the hint. */
export function formatText(files: readonly CheckedFile[], style: Style): string {
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
  out.push(summary(files.length, errors, warnings));
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

function summary(files: number, errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (errors === 0 && warnings === 0) return `${plural(files, "file")} checked: no problems.`;
  return `${plural(files, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`;
}
