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
import type { ClaimsFiles } from "./claims-file.js";
import { EVALUATE_COMMAND, type InitializationOptions } from "./protocol.js";
import { VERSION } from "./version.js";
import { Workspace } from "./workspace.js";

/**
 * Long enough to merge the changes one editor action sends in a burst; short enough that, with an
 * analysis of ~20 ms at 1,000 rules, diagnostics arrive within 50 ms of a keystroke.
 */
const DEFAULT_DIAGNOSTICS_DELAY = 10;

/**
 * Wires every feature to a connection (stdio, in-memory streams in tests, a Web Worker's messages in
 * the playground) and starts listening. `files` reads claims files for Evaluate; a host without
 * files (the browser) has no Evaluate code lens, request or inlay hints, and then the server imports
 * nothing of Node.
 */
export function startServer(connection: Connection, files?: ClaimsFiles): void {
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(connection, documents);

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const delay =
      typeof options.diagnosticsDelay === "number" ? options.diagnosticsDelay : DEFAULT_DIAGNOSTICS_DELAY;
    ws.configurationSupport = params.capabilities.workspace?.configuration === true;
    ws.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    // A client that can pull diagnostics gets them that way (see features/diagnostics.ts).
    const pull = params.capabilities.textDocument?.diagnostic !== undefined;
    diagnostics.register(ws, delay, pull);
    if (files)
      evaluate.register(ws, files, params.capabilities.workspace?.inlayHint?.refreshSupport === true);
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
        ...(files
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
