import { applyEdits, fixAllEdits } from "@maa-policy/parser";
import { CodeActionKind, type CodeAction } from "vscode-languageserver";
import { overlaps, toDiagnostic, toEdit, toRange } from "../convert.js";
import type { Workspace } from "../workspace.js";

/** A quick fix for every fix the core attaches to a diagnostic, and "fix all" over the document. */
export function register(ws: Workspace): void {
  ws.connection.onCodeAction(({ textDocument, range, context }): CodeAction[] => {
    const model = ws.model(textDocument.uri);
    if (!model) return [];
    const uri = textDocument.uri;
    const fixable = model.analysis.diagnostics.filter((d) => d.fixes?.length);
    const wants = (kind: string) => !context.only || context.only.some((k) => kind.startsWith(k));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of fixable.filter((d) => overlaps(toRange(d.range), range))) {
        diagnostic.fixes!.forEach((fix, i) =>
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [toDiagnostic(diagnostic)],
            isPreferred: i === 0,
            edit: { changes: { [uri]: fix.edits.map(toEdit) } },
          }),
        );
      }
    }
    if (fixable.length > 0 && wants(CodeActionKind.SourceFixAll)) {
      // Fixes of different diagnostics may overlap; the core's applyEdits settles that, and the
      // result goes back as one edit of the whole text.
      const text = model.document.getText();
      const fixed = applyEdits(text, fixAllEdits(fixable));
      const whole = toRange(model.lines.range(0, text.length));
      actions.push({
        title: "Fix all auto-fixable problems",
        kind: CodeActionKind.SourceFixAll,
        edit: { changes: { [uri]: [{ range: whole, newText: fixed }] } },
      });
    }
    return actions;
  });
}
