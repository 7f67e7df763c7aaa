import * as vscode from "vscode";
import type { CommandId } from "./command-ids.js";
import { EVALUATE_LENS_COMMAND } from "./protocol.js";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type ErrorHandler,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

/** The server bundled beside the client by esbuild.mjs: no separate install. */
export const SERVER_BUNDLE = "dist/server.cjs";

/** The client over stdio; the output channel shows the server's log and stderr. */
export function createClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath(SERVER_BUNDLE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "maa-policy" }],
    // The server pulls `maaPolicy` with workspace/configuration; this also tells it when it changed.
    synchronize: { configurationSection: "maaPolicy" },
    outputChannel: output,
    middleware: {
      // The code lens runs the server's command, which in other editors shows a message; here the
      // extension's own command shows the result panel instead.
      executeCommand: (command, args, next): Promise<unknown> =>
        command === EVALUATE_LENS_COMMAND
          ? Promise.resolve(
              vscode.commands.executeCommand<unknown>(
                "maaPolicy.evaluate" satisfies CommandId,
                ...(args as unknown[]),
              ),
            )
          : Promise.resolve(next(command, args) as unknown),
    },
  };
  /*
   * Transport errors never shut the client down; the close that follows a dead server decides and
   * restarts it, as the default handler does (up to 4 times in 3 minutes). The default handler
   * also shuts down for good on a stream's 'error' event, which carries no count: the EPIPE of a
   * write that races a killed server, which left the client "not running" under load.
   */
  // eslint-disable-next-line prefer-const -- assigned once the client it belongs to exists
  let restarts: ErrorHandler | undefined;
  const errorHandler: ErrorHandler = {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => restarts?.closed() ?? { action: CloseAction.Restart },
  };
  const client = new LanguageClient("maaPolicy", "MAA Policy", serverOptions, {
    ...clientOptions,
    errorHandler,
  });
  restarts = client.createDefaultErrorHandler();
  return client;
}
