/** The stdio entry of `maa-policy-lsp --stdio` (also `--node-ipc`, `--socket=<port>`). */
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { NODE_CLAIMS_FILES } from "./claims-file.js";
import { startServer } from "./server.js";

startServer(createConnection(ProposedFeatures.all), NODE_CLAIMS_FILES);
