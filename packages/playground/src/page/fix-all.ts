import { LSPPlugin } from "@codemirror/lsp-client";
import type { EditorView } from "@codemirror/view";
import type * as lsp from "vscode-languageserver-protocol";
import { textEdits } from "../editor/server-diagnostics.js";

/** The server's `source.fixAll` action ("Fix all auto-fixable problems"), applied when it has one. */
export async function fixAll(view: EditorView): Promise<void> {
  const plugin = LSPPlugin.get(view);
  if (!plugin) return;
  plugin.client.sync();
  const doc = view.state.doc;
  const actions = await plugin.client.request<lsp.CodeActionParams, lsp.CodeAction[] | null>(
    "textDocument/codeAction",
    {
      textDocument: { uri: plugin.uri },
      range: { start: plugin.toPosition(0, doc), end: plugin.toPosition(doc.length, doc) },
      context: { diagnostics: [], only: ["source.fixAll"] },
    },
  );
  const edits = actions?.[0]?.edit?.changes?.[plugin.uri];
  if (edits && view.state.doc === doc) view.dispatch({ changes: textEdits(plugin, doc, edits) });
}
