import { formatPolicy, formatRange, type FormatOptions, type FormatResult } from "@maa-policy/parser";
import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import { toEdit } from "../convert.js";
import type { Workspace } from "../workspace.js";

/** Document and range formatting from the core formatter; text it refuses (syntax errors) is left alone. */
export function register(ws: Workspace): void {
  const edits = (result: FormatResult): TextEdit[] => (result.ok ? result.edits.map(toEdit) : []);
  const options = (o: FormattingOptions): FormatOptions => ({ indent: o.insertSpaces ? o.tabSize : 4 });
  ws.connection.onDocumentFormatting(({ textDocument, options: o }) => {
    const document = ws.documents.get(textDocument.uri);
    return document ? edits(formatPolicy(document.getText(), options(o))) : [];
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
