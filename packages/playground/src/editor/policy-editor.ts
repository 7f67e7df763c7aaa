import { basicSetup } from "codemirror";
import { lintGutter } from "@codemirror/lint";
import type { Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import {
  findReferencesKeymap,
  formatKeymap,
  hoverTooltips,
  jumpToDefinitionKeymap,
  renameKeymap,
  serverCompletion,
  signatureHelp,
  type LSPClient,
} from "@codemirror/lsp-client";
import { policyHighlighting, policyLanguage } from "./policy-language.js";
import { ruleMarks } from "./rule-marks.js";
import { semanticTokens } from "./semantic-tokens.js";
import { serverDiagnostics } from "./server-diagnostics.js";

/** After a keystroke: diagnostics (the server answers in a few ms) and semantic tokens. */
const DIAGNOSTICS_DELAY = 100;
const TOKENS_DELAY = 200;

/**
 * The policy editor: CodeMirror with the language server's features over `client`, the same server
 * the VS Code extension runs. Tab is left to move focus (keyboard users leave the editor with it);
 * Escape then Tab also works inside CodeMirror.
 */
export function policyEditor(options: {
  parent: HTMLElement;
  client: LSPClient;
  uri: string;
  doc: string;
  onChange: () => void;
  /** The page's own additions (the problems list). */
  extensions: Extension[];
}): EditorView {
  return new EditorView({
    parent: options.parent,
    doc: options.doc,
    extensions: [
      basicSetup,
      policyLanguage,
      policyHighlighting,
      lintGutter(),
      options.client.plugin(options.uri, "maa-policy"),
      serverCompletion(),
      hoverTooltips(),
      signatureHelp(),
      keymap.of([...formatKeymap, ...renameKeymap, ...jumpToDefinitionKeymap, ...findReferencesKeymap]),
      serverDiagnostics(DIAGNOSTICS_DELAY),
      semanticTokens(TOKENS_DELAY),
      ruleMarks,
      // Long rules wrap rather than scroll sideways: a phone shows 40 characters a line.
      EditorView.lineWrapping,
      options.extensions,
      EditorView.contentAttributes.of({ "aria-label": "Policy text", "aria-describedby": "policy-help" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange();
      }),
    ],
  });
}
