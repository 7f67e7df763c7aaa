import { forEachDiagnostic, type Diagnostic } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import { h } from "./dom.js";

/**
 * The policy's problems listed under the editor, each a button that moves the cursor to it: what a
 * phone (no hover) and a screen reader need, beside the editor's own markers and panel.
 */
export function problemsList(container: HTMLElement) {
  let last = "";
  return EditorView.updateListener.of((update) => {
    const found: { from: number; diagnostic: Diagnostic }[] = [];
    forEachDiagnostic(update.state, (diagnostic, from) => found.push({ from, diagnostic }));
    const key = JSON.stringify(found.map(({ from, diagnostic }) => [from, diagnostic.message]));
    if (key === last) return;
    last = key;
    const item = ({ from, diagnostic }: (typeof found)[number]) => {
      const line = update.state.doc.lineAt(from);
      const where = `${line.number}:${from - line.from + 1}`;
      const button = h(
        "button",
        { type: "button", class: `problem ${diagnostic.severity}` },
        `${where} ${diagnostic.severity} ${diagnostic.source ?? ""}: ${diagnostic.message}`,
      );
      button.addEventListener("click", () => {
        update.view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
        update.view.focus();
      });
      return h("li", {}, button);
    };
    container.replaceChildren(
      h(
        "p",
        { class: "count" },
        found.length ? `${found.length} problem${found.length === 1 ? "" : "s"}` : "No problems.",
      ),
      ...(found.length ? [h("ul", {}, ...found.map(item))] : []),
    );
  });
}
