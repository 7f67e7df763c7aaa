import * as vscode from "vscode";
import type { CommandId } from "./command-ids.js";
import { EVALUATE_LENS_COMMAND } from "./protocol.js";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

/** The server bundled beside the client by esbuild.mjs: no separate install. */
export const SERVER_BUNDLE = "dist/server.cjs";

/**
 * The client over stdio. vscode-languageclient's default error handler restarts a server that
 * dies (up to 4 times in 3 minutes), and the output channel shows the server's log and stderr.
 */
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
  return new LanguageClient("maaPolicy", "MAA Policy", serverOptions, clientOptions);
}
