import { linter, type Action, type Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { LSPPlugin } from "@codemirror/lsp-client";
import type * as lsp from "vscode-languageserver-protocol";

/**
 * Diagnostics pulled from the language server (`textDocument/diagnostic`, as VS Code does: the
 * CodeMirror client announces pull, so the server never pushes), with the server's quick fixes as
 * the diagnostics' actions. The linter runs `delay` ms after the last change and drops a result
 * whose document changed meanwhile.
 */
export function serverDiagnostics(delay: number) {
  return linter(pull, { delay });
}

async function pull(view: EditorView): Promise<Diagnostic[]> {
  const plugin = LSPPlugin.get(view);
  if (!plugin) return [];
  plugin.client.sync();
  const doc = view.state.doc;
  const textDocument = { uri: plugin.uri };
  const report = await plugin.client.request<lsp.DocumentDiagnosticParams, lsp.DocumentDiagnosticReport>(
    "textDocument/diagnostic",
    { textDocument },
  );
  const items = report.kind === "full" ? report.items : [];
  // One request for every quick fix of the document, matched to its diagnostic below.
  const actions = items.length
    ? await plugin.client.request<lsp.CodeActionParams, lsp.CodeAction[] | null>("textDocument/codeAction", {
        textDocument,
        range: { start: plugin.toPosition(0, doc), end: plugin.toPosition(doc.length, doc) },
        context: { diagnostics: [], only: ["quickfix"] },
      })
    : [];
  return items.map((item) => toDiagnostic(plugin, doc, item, actions ?? []));
}

function toDiagnostic(
  plugin: LSPPlugin,
  doc: Text,
  item: lsp.Diagnostic,
  actions: lsp.CodeAction[],
): Diagnostic {
  const same = (d: lsp.Diagnostic) =>
    d.message === item.message &&
    d.code === item.code &&
    JSON.stringify(d.range) === JSON.stringify(item.range);
  return {
    from: plugin.fromPosition(item.range.start, doc),
    to: plugin.fromPosition(item.range.end, doc),
    severity: item.severity === 1 ? "error" : item.severity === 2 ? "warning" : "info",
    message: typeof item.message === "string" ? item.message : item.message.value,
    ...(item.code !== undefined && { source: String(item.code) }),
    actions: actions
      .filter((action) => action.diagnostics?.some(same))
      .map((action) => quickFix(plugin, doc, action)),
  };
}

/** Applies the fix's edits, computed against `doc`, only while the editor still shows `doc`. */
function quickFix(plugin: LSPPlugin, doc: Text, action: lsp.CodeAction): Action {
  return {
    name: action.title,
    apply(view) {
      if (view.state.doc !== doc) return;
      view.dispatch({ changes: textEdits(plugin, doc, action.edit?.changes?.[plugin.uri] ?? []) });
    },
  };
}

export function textEdits(plugin: LSPPlugin, doc: Text, edits: readonly lsp.TextEdit[]) {
  return edits.map((edit) => ({
    from: plugin.fromPosition(edit.range.start, doc),
    to: plugin.fromPosition(edit.range.end, doc),
    insert: edit.newText,
  }));
}
