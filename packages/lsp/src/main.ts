/**
 * The stdio entry of `maa-policy-lsp --stdio` (also `--node-ipc`, `--socket=<port>`). The same
 * script is the evaluation worker: in a worker thread it serves evaluations instead (see
 * evaluation-runner.ts), so the server, its bundle and its worker are one file wherever it is run.
 */
import { isMainThread } from "node:worker_threads";
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { serveEvaluations } from "./evaluation-worker.js";
import { startServer } from "./server.js";

if (isMainThread) {
  startServer(createConnection(ProposedFeatures.all), { evaluationWorker: new URL(import.meta.url) });
} else {
  serveEvaluations();
}
