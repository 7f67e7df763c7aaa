import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { loadGeneratedParser } from "@maa-policy/parser";
import * as codeActions from "./features/code-actions.js";
import * as completion from "./features/completion.js";
import * as diagnostics from "./features/diagnostics.js";
import * as evaluate from "./features/evaluate.js";
import * as formatting from "./features/formatting.js";
import * as hover from "./features/hover.js";
import * as identifiers from "./features/identifiers.js";
import * as policyTokens from "./features/policy-tokens.js";
import * as semanticTokens from "./features/semantic-tokens.js";
import * as signatureHelp from "./features/signature-help.js";
import * as structure from "./features/structure.js";
import type { ClaimsFiles } from "./claims-file.js";
import type { EvaluationRunner } from "./evaluation-runner.js";
import type { ProjectConfigFinder } from "./project.js";
import { EVALUATE_COMMAND, type InitializationOptions } from "./protocol.js";
import { VERSION } from "./version.js";
import { Workspace } from "./workspace.js";

const positive = (value: unknown) => (typeof value === "number" && value > 0 ? value : undefined);

/**
 * Long enough to merge the changes one editor action sends in a burst; short enough that, with an
 * analysis of ~20 ms at 1,000 rules, diagnostics arrive within 50 ms of a keystroke.
 */
const DEFAULT_DIAGNOSTICS_DELAY = 10;

/**
 * What a host with files and threads (Node) gives the server: how to read claims files and find
 * project configs, and how to make the runner that evaluates in a worker (the server's own entry,
 * which serves evaluations when started in a worker thread) with the client's limits.
 */
export interface ServerOptions {
  readonly files: ClaimsFiles;
  /** `maa-policy.json` upward from a document (the browser has none). */
  readonly projectConfig: ProjectConfigFinder;
  readonly runner: (limits: { timeLimitMs?: number; memoryMb?: number }) => EvaluationRunner;
}

/**
 * Wires every feature to a connection (stdio, in-memory streams in tests, a Web Worker's messages in
 * the playground) and starts listening. Without `options` (the browser) there is no Evaluate code
 * lens, request, command or inlay hints, no project config, and the server imports nothing of Node.
 */
export function startServer(connection: Connection, options?: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(connection, documents, options?.projectConfig);

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    // Analysis, completion and formatting run synchronously; syntax errors need the generated parser.
    await loadGeneratedParser();
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const delay =
      typeof init.diagnosticsDelay === "number" ? init.diagnosticsDelay : DEFAULT_DIAGNOSTICS_DELAY;
    ws.configurationSupport = params.capabilities.workspace?.configuration === true;
    ws.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    // A client that can pull diagnostics gets them that way (see features/diagnostics.ts).
    const pull = params.capabilities.textDocument?.diagnostic !== undefined;
    diagnostics.register(ws, delay, pull);
    if (options) {
      const runner = options.runner({
        timeLimitMs: positive(init.evaluationTimeLimitMs),
        memoryMb: positive(init.evaluationMemoryMb),
      });
      connection.onShutdown(() => runner.dispose());
      const inlayRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
      evaluate.register(ws, { files: options.files, runner }, inlayRefresh);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ".", "[", "(", ",", "="] },
        signatureHelpProvider: { triggerCharacters: ["(", ","] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokens.LEGEND, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        // Evaluating needs claims files, which only a host with files passes (not the browser).
        ...(options
          ? {
              codeLensProvider: {},
              executeCommandProvider: { commands: [EVALUATE_COMMAND] },
              inlayHintProvider: true,
            }
          : {}),
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        ...(pull
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: "maa-policy-lsp", version: VERSION },
    };
  });
  connection.onDidChangeConfiguration(({ settings }) => ws.settingsChanged(settings));

  for (const feature of [
    completion,
    hover,
    signatureHelp,
    identifiers,
    structure,
    semanticTokens,
    codeActions,
    formatting,
    policyTokens,
  ])
    feature.register(ws);
  documents.listen(connection);
  connection.listen();
}
