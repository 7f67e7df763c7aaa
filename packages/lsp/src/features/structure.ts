import { childNodes, type Comment, type Policy, type Range, type SyntaxNode } from "@maa-policy/parser";
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SelectionRange,
} from "vscode-languageserver";
import { toRange } from "../convert.js";
import type { Workspace } from "../workspace.js";

/** Document symbols (sections and rules), folding ranges and selection ranges: the policy's shape. */
export function register(ws: Workspace): void {
  const { connection } = ws;
  connection.onDocumentSymbol(({ textDocument }) => {
    const model = ws.model(textDocument.uri);
    return model?.analysis.policy ? symbols(model.analysis.policy, model.document.getText()) : [];
  });
  connection.onFoldingRanges(({ textDocument }) => {
    const policy = ws.model(textDocument.uri)?.analysis.policy;
    return policy ? folding(policy) : [];
  });
  connection.onSelectionRanges(({ textDocument, positions }) => {
    const model = ws.model(textDocument.uri);
    return positions.map((p) => selection(model?.analysis.policy, model ? ws.offset(model, p) : 0, p));
  });
}

function symbols(policy: Policy, text: string): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  if (policy.version)
    result.push(
      symbol(
        `version ${policy.version.text}`,
        SymbolKind.Constant,
        policy.version.range,
        policy.version.numberRange,
      ),
    );
  for (const section of policy.sections) {
    const rules = section.rules.map((rule, i) => {
      const source = text.slice(rule.range.start.offset, rule.range.end.offset).replace(/\s+/g, " ");
      const name = source.length > 60 ? `${source.slice(0, 59)}…` : source;
      return {
        ...symbol(name, SymbolKind.Event, rule.range, rule.action.nameRange),
        detail: `rule ${i + 1}`,
      };
    });
    result.push({
      ...symbol(section.name, SymbolKind.Namespace, section.range, section.keywordRange),
      children: rules,
    });
  }
  return result;
}

function symbol(name: string, kind: SymbolKind, range: Range, selectionRange: Range): DocumentSymbol {
  return { name, kind, range: toRange(range), selectionRange: toRange(selectionRange) };
}

function folding(policy: Policy): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const fold = (range: Range, kind?: FoldingRangeKind) => {
    if (range.end.line > range.start.line)
      ranges.push({ startLine: range.start.line, endLine: range.end.line - 1, ...(kind && { kind }) });
  };
  for (const section of policy.sections) {
    fold(section.range, FoldingRangeKind.Region);
    section.rules.forEach((rule) => fold(rule.range));
  }
  return [...ranges, ...commentFolds(policy.comments)];
}

/** Block comments, and runs of line comments on consecutive lines, each as one range. */
function commentFolds(comments: readonly Comment[]): FoldingRange[] {
  const runs: { startLine: number; endLine: number; line: boolean }[] = [];
  for (const { kind, range } of comments) {
    const last = runs.at(-1);
    const line = kind === "LineComment";
    if (line && last?.line && last.endLine + 1 === range.start.line) last.endLine = range.start.line;
    else runs.push({ startLine: range.start.line, endLine: range.end.line, line });
  }
  return runs
    .filter((r) => r.endLine > r.startLine)
    .map((r) => ({ startLine: r.startLine, endLine: r.endLine, kind: FoldingRangeKind.Comment }));
}

/** From the innermost node around the offset out to the whole policy. */
function selection(
  policy: Policy | undefined,
  offset: number,
  position: { line: number; character: number },
): SelectionRange {
  const ranges: Range[] = [];
  const visit = (node: SyntaxNode) => {
    const range = node.range;
    if (range.start.offset > offset || offset > range.end.offset) return;
    ranges.push(range);
    for (const child of childNodes(node)) visit(child);
  };
  if (policy) visit(policy);
  const sorted = ranges
    .sort((a, b) => b.end.offset - b.start.offset - (a.end.offset - a.start.offset))
    .filter(
      (r, i, all) =>
        i === 0 || r.start.offset !== all[i - 1].start.offset || r.end.offset !== all[i - 1].end.offset,
    );
  let result: SelectionRange = { range: { start: position, end: position } };
  let parent: SelectionRange | undefined;
  for (const range of sorted) {
    parent = parent ? { range: toRange(range), parent } : { range: toRange(range) };
    result = parent;
  }
  return result;
}
