import { analyzePolicy, type Analysis, type AnalysisOptions, type LineIndex } from "@maa-policy/parser";
import type { TextDocument } from "vscode-languageserver-textdocument";

export interface DocumentModel {
  readonly uri: string;
  readonly version: number;
  /** The options it was analysed with (attestation type, project config), as a key. */
  readonly options: string;
  readonly analysis: Analysis;
  readonly lines: LineIndex;
}

/**
 * One analysis per document version, shared by every feature (after lsp-embedded-language-service's
 * languageModelCache): a burst of requests after a keystroke parses the text once.
 */
export class AnalysisCache {
  private readonly models = new Map<string, DocumentModel>();

  get(document: TextDocument, options: AnalysisOptions = {}): DocumentModel {
    const key = JSON.stringify(options);
    const cached = this.models.get(document.uri);
    if (cached?.version === document.version && cached.options === key) return cached;
    const analysis = analyzePolicy(document.getText(), options);
    // The parser already indexed the lines; features convert offsets with the same index.
    const model = {
      uri: document.uri,
      version: document.version,
      options: key,
      analysis,
      lines: analysis.source.lines,
    };
    this.models.set(document.uri, model);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
