import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
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
import type { InitializationOptions } from "./protocol.js";
import { EvaluationRunner } from "./evaluation-runner.js";
import { Workspace } from "./workspace.js";

const positive = (value: unknown) => (typeof value === "number" && value > 0 ? value : undefined);

/**
 * Long enough to merge the changes one editor action sends in a burst; short enough that, with an
 * analysis of ~20 ms at 1,000 rules, diagnostics arrive within 50 ms of a keystroke.
 */
const DEFAULT_DIAGNOSTICS_DELAY = 10;

export interface ServerOptions {
  /**
   * The script evaluation workers run: the server's entry (main.ts), which serves evaluations
   * when it is started in a worker thread. Tests of the in-process server give the built one.
   */
  readonly evaluationWorker: URL;
}

/** Wires every feature to a connection (stdio, or in-memory streams in tests) and starts listening. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(connection, documents);

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const delay =
      typeof init.diagnosticsDelay === "number" ? init.diagnosticsDelay : DEFAULT_DIAGNOSTICS_DELAY;
    ws.configurationSupport = params.capabilities.workspace?.configuration === true;
    ws.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    // A client that can pull diagnostics gets them that way (see features/diagnostics.ts).
    const pull = params.capabilities.textDocument?.diagnostic !== undefined;
    diagnostics.register(ws, delay, pull);
    const runner = new EvaluationRunner({
      script: options.evaluationWorker,
      timeLimitMs: positive(init.evaluationTimeLimitMs),
      memoryMb: positive(init.evaluationMemoryMb),
    });
    connection.onShutdown(() => runner.dispose());
    evaluate.register(ws, runner, params.capabilities.workspace?.inlayHint?.refreshSupport === true);
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
        codeLensProvider: {},
        inlayHintProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        ...(pull
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: "maa-policy-lsp", version: "0.1.0" },
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
