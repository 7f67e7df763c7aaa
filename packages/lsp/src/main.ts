/**
 * The entry of `maa-policy-lsp --stdio` (also `--node-ipc`, `--socket=<port>`, `--pipe=<name>`).
 * The same script is the evaluation worker: in a worker thread it serves evaluations instead (see
 * evaluation-runner.ts), so the server, its bundle and its worker are one file wherever it is run.
 */
import { isMainThread } from "node:worker_threads";
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { commandLine } from "./command-line.js";
import { serveEvaluations } from "./evaluation-worker.js";
import { nodeServerOptions } from "./node-server-options.js";
import { startServer } from "./server.js";

if (!isMainThread) {
  serveEvaluations();
} else {
  const asked = commandLine(process.argv.slice(2));
  if (asked.start) {
    startServer(createConnection(ProposedFeatures.all), nodeServerOptions(new URL(import.meta.url)));
  } else {
    if (asked.stdout) process.stdout.write(asked.stdout);
    if (asked.stderr) process.stderr.write(asked.stderr);
    process.exitCode = asked.exitCode;
  }
}
