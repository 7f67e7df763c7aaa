import { RangeSetBuilder, type Extension } from "@codemirror/state";
import {
  Decoration,
  ViewPlugin,
  type DecorationSet,
  type EditorView,
  type ViewUpdate,
} from "@codemirror/view";
import { LSPPlugin } from "@codemirror/lsp-client";
import type * as lsp from "vscode-languageserver-protocol";

/**
 * The server's semantic tokens (`textDocument/semanticTokens/full`) as decorations: what only the
 * parser knows (an identifier's binding, a claim property, a function), over the lexical colours.
 * Strings, numbers, keywords and comments are left to the lexical layer, which already colours
 * them alike and highlights the JMESPath inside strings.
 */
const SHOWN = new Set(["variable", "property", "function"]);

export function semanticTokens(delay: number): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet = Decoration.none;
      timer: ReturnType<typeof setTimeout> | undefined;
      constructor(readonly view: EditorView) {
        this.schedule(0);
      }
      update(update: ViewUpdate) {
        if (update.docChanged) {
          this.decorations = this.decorations.map(update.changes);
          this.schedule(delay);
        }
      }
      schedule(ms: number) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), ms);
      }
      async refresh() {
        const plugin = LSPPlugin.get(this.view);
        const legend = plugin?.client.serverCapabilities?.semanticTokensProvider?.legend;
        if (!plugin || !legend) return this.schedule(delay);
        plugin.client.sync();
        const doc = this.view.state.doc;
        const tokens = await plugin.client
          .request<lsp.SemanticTokensParams, lsp.SemanticTokens | null>("textDocument/semanticTokens/full", {
            textDocument: { uri: plugin.uri },
          })
          .catch(() => null);
        if (!tokens || this.view.state.doc !== doc) return;
        this.decorations = decode(tokens.data, legend, (line, character) =>
          plugin.fromPosition({ line, character }, doc),
        );
        this.view.dispatch({});
      }
      destroy() {
        clearTimeout(this.timer);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

/** LSP's relative encoding: five integers a token (line delta, start delta, length, type, modifiers). */
function decode(
  data: number[],
  legend: lsp.SemanticTokensLegend,
  offset: (line: number, ch: number) => number,
) {
  const builder = new RangeSetBuilder<Decoration>();
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const type = legend.tokenTypes[data[i + 3]];
    if (!type || !SHOWN.has(type)) continue;
    const modifiers = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    const from = offset(line, character);
    const classes = [`cm-sem-${type}`, ...modifiers.map((m) => `cm-sem-${m}`)].join(" ");
    builder.add(from, from + data[i + 2], Decoration.mark({ class: classes }));
  }
  return builder.finish();
}
