/**
 * A JSON-RPC client for the server: in-process over in-memory streams (the feature tests), or the
 * built bin spawned over stdio (the real-protocol test). Both speak the real protocol.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { LineIndex } from "@maa-policy/parser";
import { createConnection } from "vscode-languageserver/node";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import type {
  Diagnostic,
  Position,
  PublishDiagnosticsParams,
  TextEdit,
} from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { nodeServerOptions } from "../src/node-server-options.js";
import { startServer } from "../src/server.js";

export const BIN = fileURLToPath(new URL("../bin/maa-policy-lsp.js", import.meta.url));

export interface ClientOptions {
  settings?: unknown;
  initializationOptions?: unknown;
  workspaceFolders?: { uri: string; name: string }[];
  /** Added to the client's capabilities, e.g. `{ textDocument: { diagnostic: {} } }` to pull. */
  textDocument?: object;
}

export class Client {
  private readonly publishedList: PublishDiagnosticsParams[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  readonly logs: string[] = [];
  /** `window/showMessage` notifications, in order. */
  readonly messages: { type: number; message: string }[] = [];
  settings: unknown;

  constructor(
    readonly connection: MessageConnection,
    readonly child?: ChildProcess,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.publishedList.push(params);
      this.waiting.splice(0).forEach((wake) => wake());
    });
    connection.onNotification("window/logMessage", (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onNotification("window/showMessage", (p: { type: number; message: string }) => {
      this.messages.push(p);
    });
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) =>
      p.items.map(() => this.settings),
    );
    connection.onRequest("workspace/inlayHint/refresh", () => null);
    connection.listen();
  }

  async initialize(options: ClientOptions = {}): Promise<unknown> {
    this.settings = options.settings ?? {};
    const result = await this.connection.sendRequest("initialize", {
      processId: null,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, inlayHint: { refreshSupport: true } },
        ...(options.textDocument ? { textDocument: options.textDocument } : {}),
      },
      initializationOptions: options.initializationOptions ?? { diagnosticsDelay: 0 },
      workspaceFolders: options.workspaceFolders ?? null,
    });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "maa-policy", version: 1, text },
    });
  }

  /** Replaces the whole text (or one range of it) and returns the new version. */
  async change(uri: string, text: string, range?: { start: Position; end: Position }): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [range ? { range, text } : { text }],
    });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** The diagnostics published for `uri` at `version` (the current one by default). */
  async diagnostics(uri: string, version = this.version(uri)): Promise<Diagnostic[]> {
    return (await this.published((p) => p.uri === uri && p.version === version)).diagnostics;
  }

  /** The first publication that satisfies `test`, once it arrives. */
  async published(test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const found = this.publishedList.find(test);
      if (found) return found;
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  /** Every publication so far, for asserting that stale versions were never published. */
  publications(uri: string): PublishDiagnosticsParams[] {
    return this.publishedList.filter((p) => p.uri === uri);
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest("shutdown");
    if (this.child) {
      const exited = new Promise((resolve) => this.child!.once("exit", resolve));
      await this.connection.sendNotification("exit");
      await exited;
    }
    this.connection.dispose();
  }
}

/**
 * The built entry, which evaluation workers run (a worker thread cannot run TypeScript sources):
 * the in-process server evaluates with it, so its tests need `npx tsc -b` first, as the bin does.
 */
export const WORKER = new URL("../dist/main.js", import.meta.url);

/**
 * The server in this process. Never send `exit` to it: the library would end the test run. Without
 * files it runs as in the browser playground.
 */
export function inProcess(withFiles = true): Client {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(toServer, toClient), withFiles ? nodeServerOptions(WORKER) : undefined);
  return new Client(
    createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)),
  );
}

/** The built bin over stdio, as an editor runs it. */
export function spawned(): Client {
  const child = spawn(process.execPath, [BIN, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  return new Client(
    createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)),
    child,
  );
}

/** Text with a `<|>` cursor marker: the text without it and the marker's LSP position. */
export function marked(text: string): { text: string; position: Position } {
  const offset = text.indexOf("<|>");
  if (offset < 0) throw new Error("no <|> marker");
  const clean = text.slice(0, offset) + text.slice(offset + 3);
  const { line, character } = new LineIndex(clean).positionAt(offset);
  return { text: clean, position: { line, character } };
}

export const URI = "file:///work/policies/test.policy";

/** The text after applying LSP edits. */
export function applied(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, "maa-policy", 1, text), edits);
}

/** Shorthand for the `{ textDocument, position }` of a marked text. */
export function at(position: Position, uri = URI): { textDocument: { uri: string }; position: Position } {
  return { textDocument: { uri }, position };
}
