import { KEYWORDS, occurrences, nodeAt } from "@maa-policy/parser";
import {
  DocumentHighlightKind,
  ResponseError,
  ErrorCodes,
  type Location,
  type TextDocumentPositionParams,
} from "vscode-languageserver";
import { toRange } from "../convert.js";
import type { Workspace } from "../workspace.js";

/** Definition, references, highlights and rename of condition identifiers (scoped to their rule). */
export function register(ws: Workspace): void {
  const { connection } = ws;
  const find = ({ textDocument, position }: TextDocumentPositionParams) => {
    const model = ws.model(textDocument.uri);
    const policy = model?.analysis.policy;
    const node = model && policy && nodeAt(policy, ws.offset(model, position));
    return node?.kind === "identifier" ? { node, all: occurrences(node.rule, node.name) } : undefined;
  };
  const location = (uri: string, range: Parameters<typeof toRange>[0]): Location => ({
    uri,
    range: toRange(range),
  });

  connection.onDefinition((params) => {
    const binding = find(params)?.all.find((o) => o.binding);
    return binding ? location(params.textDocument.uri, binding.range) : null;
  });
  connection.onReferences((params) =>
    (find(params)?.all ?? [])
      .filter((o) => params.context.includeDeclaration || !o.binding)
      .map((o) => location(params.textDocument.uri, o.range)),
  );
  connection.onDocumentHighlight((params) =>
    (find(params)?.all ?? []).map((o) => ({
      range: toRange(o.range),
      kind: o.binding ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    })),
  );
  connection.onPrepareRename((params) => {
    const found = find(params);
    return found ? { range: toRange(found.node.range), placeholder: found.node.name } : null;
  });
  connection.onRenameRequest((params) => {
    const found = find(params);
    if (!found) return null;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(params.newName) || KEYWORDS.includes(params.newName))
      return new ResponseError(ErrorCodes.InvalidParams, `'${params.newName}' is not a valid identifier.`);
    const edits = found.all.map((o) => ({ range: toRange(o.range), newText: params.newName }));
    return { changes: { [params.textDocument.uri]: edits } };
  });
}
