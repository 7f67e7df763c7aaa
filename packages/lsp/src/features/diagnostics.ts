import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from "vscode-languageserver";
import { toDiagnostic } from "../convert.js";
import type { Workspace } from "../workspace.js";

/**
 * Diagnostics the way the client wants them. A client that can pull (`textDocument/diagnostic`,
 * LSP 3.17) asks when it needs them, and a report for an analysis it already has comes back
 * `unchanged`. Any other client gets them pushed as the user types: a change schedules an analysis
 * after `delay` ms, a newer change cancels the pending one, and a result is published only if its
 * version is still current. Never both: a client would show every finding twice.
 */
export function register(ws: Workspace, delay: number, pull: boolean): void {
  if (pull) registerPull(ws);
  else registerPush(ws, delay);
  ws.documents.onDidClose(({ document }) => ws.closed(document.uri));
}

function registerPull(ws: Workspace): void {
  // One id per analysis, not per version: a document closed and opened again starts at version 1
  // with what may be other text.
  const resultIds = new WeakMap<object, string>();
  let analyses = 0;
  ws.connection.languages.diagnostics.on(
    async ({ textDocument, previousResultId }): Promise<DocumentDiagnosticReport> => {
      // The settings give the default attestation type the claims are checked for.
      await ws.settingsFor(textDocument.uri);
      const model = ws.model(textDocument.uri);
      if (!model) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      let resultId = resultIds.get(model.analysis);
      if (resultId === undefined) resultIds.set(model.analysis, (resultId = String(++analyses)));
      if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return {
        kind: DocumentDiagnosticReportKind.Full,
        resultId,
        items: model.analysis.diagnostics.map(toDiagnostic),
      };
    },
  );
}

function registerPush(ws: Workspace, delay: number): void {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const publish = (uri: string) => {
    pending.delete(uri);
    // A callback that throws would end the process: a core failure is logged, not fatal.
    ws.settingsFor(uri)
      .then(() => analyseAndSend(uri))
      .catch((error: unknown) =>
        ws.connection.console.error(`maa-policy: analysis of ${uri} failed: ${String(error)}`),
      );
  };
  const analyseAndSend = (uri: string) => {
    const model = ws.model(uri);
    if (!model) return;
    const diagnostics = model.analysis.diagnostics.map(toDiagnostic);
    // Stale results are dropped: a change that arrived meanwhile has scheduled its own run.
    if (ws.documents.get(uri)?.version !== model.version) return;
    void ws.connection.sendDiagnostics({ uri, version: model.version, diagnostics });
  };
  ws.documents.onDidChangeContent(({ document }) => {
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => publish(document.uri), delay),
    );
  });
  ws.documents.onDidClose(({ document }) => {
    clearTimeout(pending.get(document.uri));
    pending.delete(document.uri);
    void ws.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
}
