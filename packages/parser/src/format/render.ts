import { isComment, SCAN_EOF } from "../fast-lexer.js";
import { TokenType as T } from "../generated/MaaPolicyTokens.js";
import { NO_GROUP, type Blanks, type Gap, type Layout } from "./layout.js";

export interface RenderOptions {
  readonly indent: number;
  readonly maxLineWidth: number;
  readonly newline: string;
}

/**
 * The whitespace to write before each item of the scan (comments and tokens, in order). Only line
 * breaks, blank-line counts (clamped) and which comments share a line survive from the old layout,
 * and the output reproduces exactly those facts, which is why formatting twice changes nothing.
 */
export function renderWhitespace(layout: Layout, options: RenderOptions): string[] {
  const { scanned, gapOf, gaps, groupOf, breaksBefore } = layout;
  const { count, types } = scanned;
  const wrapped = wrappedGroups(layout, options);
  const lineBreak = lineBreaks(options.newline);
  const out = new Array<string>(count);
  // Within a token's gap, which holds the comments before it too.
  let commentLine = false;
  let pendingBreak = false;
  let atLineStart = false;
  for (let k = 0; k < count; k++) {
    const type = types[k];
    const gap = gaps[gapOf[k]];
    const firstOfGap = k === 0 || !isComment(types[k - 1]);
    if (firstOfGap) {
      commentLine = false;
      pendingBreak = false;
    }
    const breaks = breaksBefore[k];
    let space: string;
    if (gap.kind === "lines") {
      if (isComment(type)) {
        if (!(firstOfGap && gap.start) && breaks === 0) space = " ";
        else {
          const blanks = clamp(breaks - 1, commentLine ? AT_MOST_ONE : gap.firstComment);
          space = firstOfGap && gap.start ? "" : lineBreak(blanks, gap.commentIndent);
          commentLine = true;
        }
      } else {
        if (type === SCAN_EOF) space = options.newline;
        else if (firstOfGap && gap.start) space = "";
        else
          space = lineBreak(
            clamp(breaks - 1, commentLine ? gap.tokenAfterComment : gap.token),
            gap.tokenIndent,
          );
        atLineStart = true;
      }
    } else {
      const broken = lineBreak(0, gap.indent);
      if (isComment(type)) {
        space = pendingBreak || breaks > 0 ? broken : " ";
        pendingBreak = breaksAfterComment(layout, k);
      } else {
        const group = groupOf[k];
        // A soft gap of a wrapped rule breaks, unless the token already starts a line.
        const breaking: boolean =
          gap.kind === "soft" && group !== NO_GROUP && wrapped[group] === 1 && !atLineStart;
        space = pendingBreak || breaking ? broken : flatSeparator(gap, type, !firstOfGap);
        atLineStart = pendingBreak || breaking;
      }
    }
    out[k] = space;
  }
  return out;
}

/** Line breaks by blank lines and indent: a policy has a few kinds, and millions of them. */
function lineBreaks(newline: string): (blanks: number, indent: number) => string {
  const made: string[] = [];
  return (blanks, indent) => {
    const key = blanks * 1024 + indent;
    return (made[key] ??= newline.repeat(1 + blanks) + " ".repeat(indent));
  };
}

const AT_MOST_ONE: Blanks = [0, 1];

/** Whether the comment at `k` ends its line: a line comment always does. */
function breaksAfterComment(layout: Layout, k: number): boolean {
  return layout.scanned.types[k] === T.LINE_COMMENT || layout.breaksBefore[k + 1] > 0;
}

/** Punctuation that hugs what precedes it, even a comment: `"x" /* why *\/, value=1`. */
const CLOSING = new Uint8Array(256);
for (const type of [T.COMMA, T.RPAREN, T.RBRACKET, T.SEMICOLON, T.COLON, T.DOT]) CLOSING[type] = 1;

/** The separator before a token of a rule laid out on one line, after comments or not. */
function flatSeparator(gap: Gap, type: number, afterComment: boolean): "" | " " {
  if (gap.kind === "soft") return " ";
  if (gap.kind === "lines") return "";
  return afterComment && CLOSING[type] === 0 ? " " : gap.flat;
}

function clamp(value: number, [low, high]: Blanks): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * The rules to wrap (1 by rule number): those longer than the line width on one line, and those
 * with a comment inside that needs a line break of its own. A rule's tokens are consecutive, so
 * one running width does.
 */
function wrappedGroups(layout: Layout, options: RenderOptions): Uint8Array {
  const { scanned, gapOf, gaps, groupOf, breaksBefore } = layout;
  const { count, types, starts, ends } = scanned;
  const wrapped = new Uint8Array(layout.groups);
  let group = NO_GROUP;
  let width = 0;
  // The comments since the last token: their width on one line, and whether one needs a line break.
  let commentWidth = 0;
  let commentBreaks = false;
  let comments = false;
  for (let k = 0; k < count; k++) {
    const type = types[k];
    const length = ends[k] - starts[k];
    if (isComment(type)) {
      commentWidth += 1 + length;
      commentBreaks ||= breaksBefore[k] > 0 || breaksAfterComment(layout, k);
      comments = true;
      continue;
    }
    const tokenGroup = groupOf[k];
    if (tokenGroup !== NO_GROUP) {
      if (tokenGroup !== group) {
        // The comments before a rule's first token are outside it.
        if (group !== NO_GROUP && width > options.maxLineWidth) wrapped[group] = 1;
        group = tokenGroup;
        width = options.indent + length;
      } else {
        if (commentBreaks) wrapped[group] = 1;
        width += commentWidth + flatSeparator(gaps[gapOf[k]], type, comments).length + length;
      }
    }
    commentWidth = 0;
    commentBreaks = false;
    comments = false;
  }
  if (group !== NO_GROUP && width > options.maxLineWidth) wrapped[group] = 1;
  return wrapped;
}
