import {
  formatPolicy,
  formatRange,
  LineIndex,
  type FormatOptions,
  type FormatResult,
} from "@maa-policy/parser";
import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import { toEdit } from "../convert.js";
import type { Workspace } from "../workspace.js";

/**
 * Past this many characters a document is formatted as one edit that replaces it all: a client
 * applies one edit at once where millions of small ones (an 8 MB policy) took it and the server
 * seconds and gigabytes.
 */
const WHOLE_DOCUMENT_EDIT_FROM = 1024 * 1024;

/** Document and range formatting from the core formatter; text it refuses (syntax errors) is left alone. */
export function register(ws: Workspace): void {
  const edits = (result: FormatResult): TextEdit[] => (result.ok ? result.edits.map(toEdit) : []);
  const whole = (text: string, result: FormatResult): TextEdit[] => {
    if (!result.ok || result.text === text) return [];
    const end = new LineIndex(text).positionAt(text.length);
    return [toEdit({ range: { start: { line: 0, character: 0, offset: 0 }, end }, newText: result.text })];
  };
  const options = (o: FormattingOptions): FormatOptions => ({ indent: o.insertSpaces ? o.tabSize : 4 });
  ws.connection.onDocumentFormatting(({ textDocument, options: o }) => {
    const document = ws.documents.get(textDocument.uri);
    if (!document) return [];
    const text = document.getText();
    const result = formatPolicy(text, options(o));
    return text.length > WHOLE_DOCUMENT_EDIT_FROM ? whole(text, result) : edits(result);
  });
  ws.connection.onDocumentRangeFormatting(({ textDocument, range, options: o }) => {
    const model = ws.model(textDocument.uri);
    if (!model) return [];
    const start = ws.offset(model, range.start);
    const end = ws.offset(model, range.end);
    const coreRange = model.lines.range(start, end);
    return edits(formatRange(model.document.getText(), coreRange, options(o)));
  });
}
