import type { TextEdit } from "../diagnostic.js";
import type { Result } from "../result.js";
import { parsePolicyScanned } from "../parse.js";
import { LineIndex, type Range } from "../position.js";
import type { Policy } from "../ast.js";
import { renderWhitespace } from "./render.js";
import { scan, type Scan } from "../fast-lexer.js";
import { sameTokensAs } from "./same-policy.js";
import { layoutTokens } from "./walk.js";

export interface FormatOptions {
  /** Spaces per indentation level (default 4). */
  readonly indent?: number;
  /** A rule longer than this on one line is wrapped (default 110). */
  readonly maxLineWidth?: number;
  /** Default: the input's dominant line ending (`\n` when it has none). */
  readonly lineEnding?: "\n" | "\r\n";
}

export type FormatResult = Result<
  { readonly text: string; readonly edits: TextEdit[] },
  { readonly reason: string }
>;

export const DEFAULT_INDENT = 4;
export const DEFAULT_MAX_LINE_WIDTH = 110;

/**
 * Formats a whole policy into the canonical layout (docs/formatting.md). Refuses text with syntax
 * errors, since recovery could move tokens and change meaning; the edits only touch whitespace
 * between tokens and comments.
 */
export function formatPolicy(text: string, options: FormatOptions = {}): FormatResult {
  const formatted = formatAll(text, options);
  if (!formatted.ok) return formatted;
  return withEdits({ ok: true, text: formatted.text }, formatted.gaps, text);
}

/**
 * Formats only the rules that overlap `range` (by offset); a range touching a section outside its
 * rules (keyword, braces) formats the whole section, one touching the version line formats that.
 */
export function formatRange(text: string, range: Range, options: FormatOptions = {}): FormatResult {
  const formatted = formatAll(text, options);
  if (!formatted.ok) return formatted;
  const units = unitsOverlapping(formatted.policy, range.start.offset, range.end.offset);
  const gaps = formatted.gaps.filter((gap) =>
    units.some(([start, end]) => gap.start < end && gap.end >= start),
  );
  const edits = toEdits(gaps, text);
  return { ok: true, text: applyWhitespaceEdits(text, edits), edits };
}

/** A changed gap between two items: offsets into the input, and the whitespace it becomes. */
interface Gap {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edits as a property computed when first read: the command line needs only the text, and
 * a TextEdit with its two positions for each of millions of gaps was most of the memory that
 * formatting a large policy took.
 */
function withEdits(result: { ok: true; text: string }, gaps: readonly Gap[], text: string): FormatResult {
  let edits: TextEdit[] | undefined;
  return Object.defineProperty(result, "edits", {
    enumerable: true,
    get: () => (edits ??= toEdits(gaps, text)),
  }) as FormatResult;
}

function toEdits(gaps: readonly Gap[], text: string): TextEdit[] {
  const lines = new LineIndex(text);
  return gaps.map((gap) => ({ range: lines.range(gap.start, gap.end), newText: gap.newText }));
}

type Formatted = Result<{ text: string; gaps: Gap[]; policy: Policy }, { reason: string }>;

function formatAll(text: string, options: FormatOptions): Formatted {
  const invalid = invalidOption(options);
  if (invalid) return { ok: false, reason: invalid };
  const parsed = parsePolicyScanned(text);
  const first = parsed.diagnostics[0];
  if (!parsed.policy || first) {
    const where = first ? ` (line ${first.range.start.line + 1}: ${first.message})` : "";
    return { ok: false, reason: `The policy has syntax errors${where}; fix them before formatting.` };
  }
  // The text the generated parser read (one with astral characters) is scanned here. The scanner
  // reads every text the parser accepts; undefined here would be a bug of either.
  const scanned = parsed.scanned ?? scan(text);
  if (!scanned) return { ok: false, reason: "Internal formatter error: the policy does not scan." };
  const layout = layoutTokens(scanned, options.indent ?? DEFAULT_INDENT);
  const whitespace = renderWhitespace(layout, {
    indent: options.indent ?? DEFAULT_INDENT,
    maxLineWidth: options.maxLineWidth ?? DEFAULT_MAX_LINE_WIDTH,
    newline: options.lineEnding ?? dominantLineEnding(text),
  });
  const { output, gaps } = assemble(scanned, whitespace);
  // A last guard: the output must mean what the input meant, or nothing is changed.
  if (!sameTokensAs(scanned, output))
    return {
      ok: false,
      reason: "Internal formatter error: the formatted policy would differ; nothing changed.",
    };
  return { ok: true, text: output, gaps, policy: parsed.policy };
}

/**
 * The input with the gaps that changed replaced, and those gaps: tokens, comments and the gaps
 * that stay are copied from the input a run at a time (the items are the scan's, with the
 * whitespace before each). The output is built as parts joined
 * once: a string grown by `+=` millions of times is a rope of as many nodes.
 */
function assemble({ text, count, starts, ends }: Scan, whitespace: readonly string[]) {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const gaps: Gap[] = [];
  const parts: string[] = [];
  let previousEnd = 0;
  let copied = 0;
  for (let k = 0; k < count; k++) {
    const start = starts[k];
    const space = k === 0 ? bom + whitespace[0] : whitespace[k];
    if (!sameGap(text, previousEnd, start, space)) {
      gaps.push({ start: previousEnd, end: start, newText: space });
      parts.push(text.slice(copied, previousEnd), space);
      copied = start;
    }
    previousEnd = ends[k];
  }
  parts.push(text.slice(copied, previousEnd));
  return { output: parts.join(""), gaps };
}

function sameGap(text: string, start: number, end: number, space: string): boolean {
  return end - start === space.length && text.startsWith(space, start);
}

function applyWhitespaceEdits(text: string, edits: readonly TextEdit[]): string {
  let out = "";
  let cursor = 0;
  for (const edit of edits) {
    out += text.slice(cursor, edit.range.start.offset) + edit.newText;
    cursor = edit.range.end.offset;
  }
  return out + text.slice(cursor);
}

/** Offset spans of the rules, sections or version line that `start..end` touches. */
function unitsOverlapping(policy: Policy, start: number, end: number): [number, number][] {
  const span = (r: Range): [number, number] => [r.start.offset, r.end.offset];
  const touches = ([s, e]: [number, number]) => s <= end && start <= e;
  const units: [number, number][] = [];
  if (policy.version && touches(span(policy.version.range))) units.push(span(policy.version.range));
  for (const section of policy.sections) {
    if (!touches(span(section.range))) continue;
    const rules = section.rules.map((rule) => span(rule.range)).filter(touches);
    const first = section.rules[0]?.range.start.offset ?? section.range.end.offset;
    const last = section.rules.at(-1)?.range.end.offset ?? section.range.start.offset;
    const outside = start < first || end > last;
    units.push(...(outside ? [span(section.range)] : rules));
  }
  return units;
}

/** The line ending most used in `text`: `\r\n` only when it outnumbers the bare `\n`. */
export function dominantLineEnding(text: string): "\n" | "\r\n" {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? "\r\n" : "\n";
}

function invalidOption(options: FormatOptions): string | undefined {
  const { indent, maxLineWidth, lineEnding } = options;
  if (indent !== undefined && !(Number.isInteger(indent) && indent >= 0 && indent <= 16))
    return `indent must be a whole number from 0 to 16, not ${indent}`;
  if (maxLineWidth !== undefined && !(Number.isInteger(maxLineWidth) && maxLineWidth > 0))
    return `maxLineWidth must be a positive whole number, not ${maxLineWidth}`;
  if (lineEnding !== undefined && lineEnding !== "\n" && lineEnding !== "\r\n")
    return `lineEnding must be "\\n" or "\\r\\n"`;
  return undefined;
}
