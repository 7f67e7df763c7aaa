import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { COMMANDS, type CommandId } from "./command-ids.js";
import { evaluate } from "./evaluate.js";
import { ResultPanel } from "./result-panel.js";
import { encodeToken, openTokenAsPolicy, showHash } from "./token-commands.js";

export function registerCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
): void {
  const panel = new ResultPanel();
  context.subscriptions.push(panel);
  const handlers: Record<CommandId, (...args: unknown[]) => Promise<unknown>> = {
    // The server's Evaluate code lens passes `{ uri }`; the palette passes nothing.
    "maaPolicy.evaluate": (target) => evaluate(client, panel, target, false),
    "maaPolicy.evaluatePickClaims": (target) => evaluate(client, panel, target, true),
    "maaPolicy.showHash": () => showHash(client),
    "maaPolicy.encodeToken": () => encodeToken(client),
    "maaPolicy.openTokenAsPolicy": () => openTokenAsPolicy(),
    // Formatting is the server's textDocument/formatting; this only makes it one palette entry.
    "maaPolicy.format": () => Promise.resolve(vscode.commands.executeCommand("editor.action.formatDocument")),
    "maaPolicy.setLanguage": () => setLanguage(),
    "maaPolicy.showOutput": () => Promise.resolve(output.show(true)),
    "maaPolicy.restartServer": () => client.restart(),
  };
  for (const id of COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, reportingErrors(handlers[id])));
  }
}

/** A failing command shows its message instead of an unhandled rejection in the host log. */
function reportingErrors(handler: (...args: unknown[]) => Promise<unknown>) {
  return async (...args: unknown[]): Promise<void> => {
    try {
      await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`MAA Policy: ${message}`);
    }
  };
}

async function setLanguage(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error("Open the file to switch to MAA Policy first.");
  await vscode.languages.setTextDocumentLanguage(editor.document, "maa-policy");
}
