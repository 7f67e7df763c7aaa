import type * as vscode from "vscode";
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
  };
  return new LanguageClient("maaPolicy", "MAA Policy", serverOptions, clientOptions);
}
