import { parseAttestationType } from "@maa-policy/parser";
import type { Connection, Position, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { AnalysisCache, type DocumentModel } from "./analysis-cache.js";
import { analysisOptionsFor, type ProjectConfigFinder } from "./project.js";
import { DEFAULT_SETTINGS, type Settings } from "./protocol.js";

/** What every feature handler needs: the open documents, their analyses, settings and the client. */
export class Workspace {
  readonly cache = new AnalysisCache();
  private readonly settings = new Map<string, Promise<Settings>>();
  /** Each document's settings once the client has answered: analyses are synchronous. */
  private readonly answered = new Map<string, Settings>();
  /** Whether the client answers `workspace/configuration`; otherwise pushed settings apply to all. */
  configurationSupport = false;
  pushedSettings: Settings = DEFAULT_SETTINGS;
  folders: string[] = [];

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    private readonly findProjectConfig?: ProjectConfigFinder,
  ) {}

  /** The document's model, or undefined for a document the client never opened. */
  model(uri: string): (DocumentModel & { document: TextDocument }) | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const settings = this.configurationSupport ? this.answered.get(uri) : this.pushedSettings;
    return {
      ...this.cache.get(
        document,
        analysisOptionsFor(uri, settings ?? DEFAULT_SETTINGS, this.findProjectConfig),
      ),
      document,
    };
  }

  offset(model: DocumentModel, position: Position): number {
    return model.lines.offsetAt(position.line, position.character);
  }

  settingsFor(uri: string): Promise<Settings> {
    if (!this.configurationSupport) return Promise.resolve(this.pushedSettings);
    let settings = this.settings.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: "maaPolicy" })
        .then(readSettings, () => DEFAULT_SETTINGS)
        .then((answer) => {
          this.answered.set(uri, answer);
          return answer;
        });
      this.settings.set(uri, settings);
    }
    return settings;
  }

  settingsChanged(pushed: unknown): void {
    this.settings.clear();
    this.answered.clear();
    const section = (pushed as { maaPolicy?: unknown } | null)?.maaPolicy;
    if (section !== undefined) this.pushedSettings = readSettings(section);
  }

  closed(uri: string): void {
    this.settings.delete(uri);
    this.answered.delete(uri);
    this.cache.delete(uri);
  }
}

/** Unknown or mistyped values fall back to the defaults rather than failing a request. */
export function readSettings(value: unknown): Settings {
  const raw = (value ?? {}) as { attestationType?: unknown; claimsFile?: unknown };
  const type =
    typeof raw.attestationType === "string" ? parseAttestationType(raw.attestationType) : undefined;
  const claimsFile =
    typeof raw.claimsFile === "string" && raw.claimsFile.trim() !== "" ? raw.claimsFile : undefined;
  return { attestationType: type ?? DEFAULT_SETTINGS.attestationType, claimsFile };
}
