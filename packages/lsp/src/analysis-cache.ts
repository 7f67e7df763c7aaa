import { analyzePolicy, type Analysis, type LineIndex } from "@maa-policy/parser";
import type { TextDocument } from "vscode-languageserver-textdocument";

export interface DocumentModel {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  readonly lines: LineIndex;
}

/**
 * One analysis per document version, shared by every feature (after lsp-embedded-language-service's
 * languageModelCache): a burst of requests after a keystroke parses the text once.
 */
export class AnalysisCache {
  private readonly models = new Map<string, DocumentModel>();

  get(document: TextDocument): DocumentModel {
    const cached = this.models.get(document.uri);
    if (cached?.version === document.version) return cached;
    const analysis = analyzePolicy(document.getText());
    // The parser already indexed the lines; features convert offsets with the same index.
    const model = { uri: document.uri, version: document.version, analysis, lines: analysis.source.lines };
    this.models.set(document.uri, model);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
