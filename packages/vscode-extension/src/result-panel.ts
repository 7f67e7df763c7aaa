import * as vscode from "vscode";
import type { EvaluateResult } from "./protocol.js";
import { renderResult } from "./result-html.js";

/** One side panel, reused by every evaluation, showing the latest result. */
export class ResultPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  show(document: vscode.TextDocument, result: EvaluateResult): void {
    const name = document.uri.path.split("/").pop() ?? "policy";
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        "maaPolicy.evaluation",
        "",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = `Evaluation: ${name}`;
    this.panel.webview.html = renderResult(name, result);
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
