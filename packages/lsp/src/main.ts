/** The entry of `maa-policy-lsp --stdio` (also `--node-ipc`, `--socket=<port>`, `--pipe=<name>`). */
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { commandLine } from "./command-line.js";
import { NODE_CLAIMS_FILES } from "./claims-file.js";
import { startServer } from "./server.js";

const asked = commandLine(process.argv.slice(2));
if (asked.start) {
  startServer(createConnection(ProposedFeatures.all), NODE_CLAIMS_FILES);
} else {
  if (asked.stdout) process.stdout.write(asked.stdout);
  if (asked.stderr) process.stderr.write(asked.stderr);
  process.exitCode = asked.exitCode;
}
