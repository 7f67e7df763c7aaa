import { basicSetup } from "codemirror";
import { json } from "@codemirror/lang-json";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import type { ClaimsCheck } from "../engine/protocol.js";

/** The incoming-claims editor: JSON (or a token), checked by the engine's `parseClaims` on each run. */
export function claimsEditor(parent: HTMLElement, doc: string, onChange: () => void): EditorView {
  return new EditorView({
    parent,
    doc,
    extensions: [
      basicSetup,
      json(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": "Incoming claims", "aria-describedby": "claims-help" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange();
      }),
    ],
  });
}

/**
 * The claims' own validation, as `eval --claims` words it (InvalidParameter, the JSON path and
 * line and column), at its place in the editor when it has one.
 */
export function showClaimsCheck(view: EditorView, check: ClaimsCheck, status: HTMLElement): void {
  if (check.ok) {
    status.textContent = `${check.count} incoming claim${check.count === 1 ? "" : "s"} (${check.format}).`;
    status.className = "status ok";
    view.dispatch(setDiagnostics(view.state, []));
    return;
  }
  status.textContent = `${check.error.code}: ${check.error.message}`;
  status.className = "status error";
  const doc = view.state.doc;
  // A token's error position is in its decoded payload, not in the editor's text.
  const at = /^\s*[[{]/.test(doc.sliceString(0, 200)) ? check.position : undefined;
  const from =
    at && at.line < doc.lines ? Math.min(doc.line(at.line + 1).from + at.character, doc.length) : 0;
  const to = Math.min(from + 1, doc.length);
  view.dispatch(
    setDiagnostics(view.state, [
      { from, to, severity: "error", message: check.error.message, source: check.error.code },
    ]),
  );
}
