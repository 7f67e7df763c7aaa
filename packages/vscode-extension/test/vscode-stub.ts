/**
 * A minimal stand-in for the `vscode` module: enough of the API for vscode-languageclient to start
 * the server and for the extension's commands to run, recording what the extension shows. Names it
 * does not model resolve to inert stand-ins (callable, constructible, disposable) and are listed in
 * `missing`, so a failure says what the client reached for.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

type Listener = (event: unknown) => unknown;

class Disposable {
  constructor(private readonly callOnDispose: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

class EventEmitter {
  private readonly listeners = new Set<Listener>();
  readonly event = (listener: Listener): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: unknown): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(private readonly url: URL) {}
  static parse(text: string): Uri {
    return new Uri(new URL(text));
  }
  static file(path: string): Uri {
    return new Uri(pathToFileURL(path));
  }
  get scheme(): string {
    return this.url.protocol.slice(0, -1);
  }
  get path(): string {
    return decodeURIComponent(this.url.pathname);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return this.url.href;
  }
  toJSON(): string {
    return this.url.href;
  }
}

/** An open document: what `workspace.textDocuments` lists and the active editor shows. */
export function textDocument(path: string, languageId: string) {
  const text = readFileSync(path, "utf8");
  return {
    uri: Uri.file(path),
    fileName: path,
    languageId,
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    lineCount: text.split("\n").length,
    eol: 1,
    getText: () => text,
  };
}
export type StubDocument = ReturnType<typeof textDocument>;

/** What the extension showed and registered. */
export interface Recorded {
  readonly commands: Map<string, (...args: unknown[]) => unknown>;
  readonly messages: string[];
  readonly clipboard: string[];
  readonly webviews: { title: string; html: string }[];
  readonly missing: Set<string>;
  /** The `languages.register…Provider` calls: what the server's capabilities made the client register. */
  readonly providers: string[];
  readonly log: string[];
}

export function createVscodeStub(documents: StubDocument[]): { vscode: object; recorded: Recorded } {
  const recorded: Recorded = {
    commands: new Map(),
    messages: [],
    clipboard: [],
    webviews: [],
    missing: new Set(),
    providers: [],
    log: [],
  };
  const event = () => new EventEmitter().event;
  const outputChannel = (name: string) =>
    inert(`OutputChannel(${name})`, recorded, {
      name,
      logLevel: 2,
      onDidChangeLogLevel: event(),
      append: (text: string) => recorded.log.push(text),
      appendLine: (text: string) => recorded.log.push(text),
      ...Object.fromEntries(
        ["trace", "debug", "info", "warn", "error"].map((level) => [
          level,
          (text: unknown) => recorded.log.push(`[${level}] ${String(text)}`),
        ]),
      ),
    });
  const message = (text: string) => {
    recorded.messages.push(text);
    return Promise.resolve(undefined);
  };
  const modelled = {
    version: "1.91.0",
    Disposable,
    EventEmitter,
    Uri,
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    env: {
      machineId: "stub",
      sessionId: "stub",
      language: "en",
      appName: "stand-in",
      uiKind: 1,
      clipboard: { writeText: (text: string) => Promise.resolve(void recorded.clipboard.push(text)) },
    },
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        recorded.commands.set(id, handler);
        return new Disposable(() => recorded.commands.delete(id));
      },
      // The extension's own commands run; others (the editor's) are only recorded.
      executeCommand: (id: string, ...args: unknown[]) =>
        recorded.commands.has(id) && id.startsWith("maaPolicy.")
          ? Promise.resolve(recorded.commands.get(id)!(...args))
          : Promise.resolve(void recorded.messages.push(`executed ${id}`)),
    },
    window: {
      activeTextEditor: documents[0] ? { document: documents[0] } : undefined,
      visibleTextEditors: [],
      tabGroups: { all: [], onDidChangeTabs: event(), onDidChangeTabGroups: event() },
      createOutputChannel: outputChannel,
      showInformationMessage: message,
      showWarningMessage: message,
      showErrorMessage: message,
      createWebviewPanel: (_type: string, title: string) => {
        const panel = { title, html: "" };
        recorded.webviews.push(panel);
        return inert("WebviewPanel", recorded, {
          set title(value: string) {
            panel.title = value;
          },
          webview: {
            set html(value: string) {
              panel.html = value;
            },
          },
          onDidDispose: event(),
          reveal: () => undefined,
        });
      },
    },
    workspace: {
      textDocuments: documents,
      // Read by the client's pull-diagnostics feature, which tracks notebooks as well as files.
      notebookDocuments: [],
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (_key: string, fallback?: unknown) => fallback, has: () => false }),
      getWorkspaceFolder: () => undefined,
      openTextDocument: (uri: Uri) =>
        Promise.resolve(documents.find((doc) => doc.uri.toString() === uri.toString())),
    },
    languages: languages(recorded),
  };
  return { vscode: inert("vscode", recorded, modelled), recorded };
}

/** `match` for the document selector; every `register…Provider` is recorded. */
function languages(recorded: Recorded): object {
  const match = (selector: { language?: string }[], document: StubDocument) =>
    selector.some((filter) => filter.language === document.languageId) ? 10 : 0;
  // A null prototype, so that `inert` does not wrap it again.
  return new Proxy(Object.create(null) as object, {
    get(_target, name) {
      if (name === "match") return match;
      if (typeof name === "string" && name.startsWith("register")) {
        return () => {
          recorded.providers.push(name);
          return new Disposable();
        };
      }
      return missing(`vscode.languages.${String(name)}`, recorded, name);
    },
  });
}

/** `modelled`, where every other property is an inert stand-in recorded as missing. */
function inert(path: string, recorded: Recorded, modelled: object): object {
  return new Proxy(modelled, {
    get(target, property) {
      if (property in target) {
        const value: unknown = Reflect.get(target, property);
        return isPlainObject(value) ? inert(`${path}.${String(property)}`, recorded, value) : value;
      }
      return missing(`${path}.${String(property)}`, recorded, property);
    },
  });
}

/** Callable, constructible and disposable; not a thenable, so `await` leaves it alone. */
function missing(path: string, recorded: Recorded, property: string | symbol): unknown {
  if (property === "then" || typeof property === "symbol") return undefined;
  recorded.missing.add(path);
  return new Proxy(function standIn() {}, {
    get: (target, next) =>
      next === "prototype"
        ? (target.prototype as object)
        : missing(`${path}.${String(next)}`, recorded, next),
    apply: () => missing(`${path}()`, recorded, "call"),
    construct: () => missing(`new ${path}`, recorded, "new") as object,
  });
}

function isPlainObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
