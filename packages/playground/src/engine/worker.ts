/**
 * The playground's Web Worker: the language server of the editor extension (`startServer`, the same
 * code as `maa-policy-lsp`) over the worker's messages, plus the playground's own requests on the
 * same connection. The page's main thread holds only the editor.
 */
// @peculiar/x509 reads decorator metadata when it loads: the polyfill goes first.
import "reflect-metadata";
import { startServer } from "@maa-policy/lsp";
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { evidence } from "./evidence.js";
import { EVIDENCE_REQUEST, RUN_REQUEST } from "./protocol.js";
import { run } from "./run.js";

// The worker's global scope posts and receives messages as a MessagePort does.
const scope = self as unknown as Worker;
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
connection.onRequest(RUN_REQUEST, run);
connection.onRequest(EVIDENCE_REQUEST, evidence);
startServer(connection);
