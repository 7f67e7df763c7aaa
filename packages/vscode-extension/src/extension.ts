/**
 * The extension's entry: a thin client. It starts the bundled language server and registers the
 * commands; every answer about a policy comes from the server or from @maa-policy/tokens.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { createClient } from "./client.js";
import { registerCommands } from "./commands.js";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("MAA Policy", { log: true });
  context.subscriptions.push(output);
  const started = createClient(context, output);
  client = started;
  registerCommands(context, started, output);
  await started.start();
}

export async function deactivate(): Promise<void> {
  // A client whose server never started cannot be stopped.
  if (client?.isRunning()) await client.stop();
  client = undefined;
}
