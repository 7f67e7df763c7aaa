import type { Expression, LineIndex, Policy, Range } from "@maa-policy/parser";
import { SemanticTokensBuilder, type SemanticTokensLegend } from "vscode-languageserver";
import type { Workspace } from "../workspace.js";

const TYPES = ["keyword", "variable", "property", "function", "string", "number", "comment"] as const;
const MODIFIERS = ["declaration", "defaultLibrary"] as const;
type TokenType = (typeof TYPES)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

interface Span {
  range: Range;
  type: TokenType;
  modifiers: number;
}

export function register(ws: Workspace): void {
  ws.connection.languages.semanticTokens.on(({ textDocument }) => {
    const model = ws.model(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!model?.analysis.policy) return builder.build();
    const spans = collect(model.analysis.policy).sort((a, b) => a.range.start.offset - b.range.start.offset);
    for (const span of spans) {
      for (const [line, character, length] of lineSegments(span.range, model.lines))
        builder.push(line, character, length, TYPES.indexOf(span.type), span.modifiers);
    }
    return builder.build();
  });
}

const DECLARATION = 1;
const LIBRARY = 2;

function collect(policy: Policy): Span[] {
  const spans: Span[] = [];
  const add = (range: Range, type: TokenType, modifiers = 0) => spans.push({ range, type, modifiers });
  const expression = (e: Expression): void => {
    if (e.kind === "String") add(e.range, "string");
    else if (e.kind === "Integer") add(e.range, "number");
    else if (e.kind === "Boolean") add(e.range, "keyword");
    else if (e.kind === "IdentifierReference") add(e.range, "variable");
    else if (e.kind === "PropertyReference") {
      add(e.identifier.range, "variable");
      add(e.property.range, "property");
    } else {
      add(e.name.range, "function", LIBRARY);
      e.arguments.forEach(expression);
    }
  };
  if (policy.version) {
    const start = policy.version.range.start;
    add({ start, end: { ...start, character: start.character + 7, offset: start.offset + 7 } }, "keyword");
    add(policy.version.numberRange, "number");
  }
  for (const section of policy.sections) {
    add(section.keywordRange, "keyword");
    for (const rule of section.rules) {
      for (const condition of rule.conditions) {
        if (condition.identifier) add(condition.identifier.range, "variable", DECLARATION);
        for (const p of condition.properties) {
          add(p.property.range, "property");
          expression(p.value);
        }
      }
      add(rule.action.nameRange, "keyword");
      for (const argument of rule.action.arguments) {
        add(argument.name.range, "property");
        expression(argument.value);
      }
    }
  }
  for (const comment of policy.comments) add(comment.range, "comment");
  return spans;
}

/** LSP tokens cannot span lines: a block comment becomes one token per line. */
function lineSegments(range: Range, lines: LineIndex): [number, number, number][] {
  if (range.start.line === range.end.line)
    return [[range.start.line, range.start.character, range.end.offset - range.start.offset]];
  const segments: [number, number, number][] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const start = line === range.start.line ? range.start.character : 0;
    const end = line === range.end.line ? range.end.character : lines.lineText(line).length;
    if (end > start) segments.push([line, start, end - start]);
  }
  return segments;
}
