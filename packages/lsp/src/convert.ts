/** Core values to LSP values. Core positions are already LSP's (0-based, UTF-16): only shapes change. */
import type {
  Diagnostic as CoreDiagnostic,
  Range as CoreRange,
  TextEdit as CoreEdit,
} from "@maa-policy/parser";
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from "vscode-languageserver";

export function toRange(range: CoreRange): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function toDiagnostic(diagnostic: CoreDiagnostic): Diagnostic {
  const message = diagnostic.hint ? `${diagnostic.message}\n${diagnostic.hint}` : diagnostic.message;
  return {
    range: toRange(diagnostic.range),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: "maa-policy",
    message,
  };
}

export function toEdit(edit: CoreEdit): TextEdit {
  return { range: toRange(edit.range), newText: edit.newText };
}

/** Whether two LSP ranges touch or overlap. */
export function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
