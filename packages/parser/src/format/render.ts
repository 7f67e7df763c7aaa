import { SCAN_EOF } from "../fast-lexer.js";
import { TokenType as T } from "../generated/MaaPolicyTokens.js";
import type { Blanks, CommentItem, InlineGap, LinesGap, Slot, SoftGap } from "./layout.js";

export interface RenderOptions {
  readonly indent: number;
  readonly maxLineWidth: number;
  readonly newline: string;
}

/**
 * The whitespace to write before each item (comments and token of every slot, in order). Only line
 * breaks, blank-line counts (clamped) and which comments share a line survive from the old layout,
 * and the output reproduces exactly those facts, which is why formatting twice changes nothing.
 */
export function renderWhitespace(slots: readonly Slot[], options: RenderOptions): string[] {
  const wrapped = wrappedGroups(slots, options);
  const out: string[] = [];
  const r = new GapRenderer(options, out);
  let tokenAtLineStart = false;
  for (const slot of slots) {
    const { gap, group } = slot;
    if (gap.kind === "lines") r.lines(slot, gap);
    else
      r.inline(
        slot,
        gap,
        gap.kind === "soft" && group !== undefined && wrapped.has(group) && !tokenAtLineStart,
      );
    tokenAtLineStart = r.atLineStart;
  }
  return out;
}

class GapRenderer {
  atLineStart = false;
  /** Line breaks by blank lines and indent: a policy has a few kinds, and millions of them. */
  private readonly breaks = new Map<number, string>();

  constructor(
    private readonly options: RenderOptions,
    private readonly out: string[],
  ) {}

  private lineBreak(blanks: number, indent: number): string {
    const key = blanks * 1024 + indent;
    let line = this.breaks.get(key);
    if (line === undefined) {
      line = this.options.newline.repeat(1 + blanks) + " ".repeat(indent);
      this.breaks.set(key, line);
    }
    return line;
  }

  lines(slot: Slot, gap: LinesGap): void {
    let ownLine = false;
    slot.comments.forEach((comment, i) => {
      const first = i === 0 && gap.start;
      if (!first && comment.breaksBefore === 0) {
        this.out.push(" ");
      } else {
        const blanks = clamp(comment.breaksBefore - 1, ownLine ? [0, 1] : gap.firstComment);
        this.out.push(first ? "" : this.lineBreak(blanks, gap.commentIndent));
        ownLine = true;
      }
    });
    if (slot.type === SCAN_EOF) {
      this.out.push(this.options.newline);
    } else if (slot.comments.length === 0 && gap.start) {
      this.out.push("");
    } else {
      const blanks = clamp(slot.breaksBefore - 1, ownLine ? gap.tokenAfterComment : gap.token);
      this.out.push(this.lineBreak(blanks, gap.tokenIndent));
    }
    this.atLineStart = true;
  }

  /** `breaking` is set for a soft gap of a wrapped rule. */
  inline(slot: Slot, gap: InlineGap | SoftGap, breaking: boolean): void {
    const broken = this.lineBreak(0, gap.indent);
    let pendingBreak = false;
    for (const comment of slot.comments) {
      this.out.push(pendingBreak || comment.breaksBefore > 0 ? broken : " ");
      pendingBreak = breaksAfter(comment);
    }
    const flat = flatSeparator(slot);
    const separator = pendingBreak || breaking ? broken : flat;
    this.atLineStart = pendingBreak || breaking;
    this.out.push(separator);
  }
}

/** Punctuation that hugs what precedes it, even a comment: `"x" /* why *\/, value=1`. */
const CLOSING = new Set<number>([T.COMMA, T.RPAREN, T.RBRACKET, T.SEMICOLON, T.COLON, T.DOT]);

/** The separator before a token of a rule laid out on one line. */
function flatSeparator(slot: Slot): "" | " " {
  const gap = slot.gap;
  if (gap.kind === "soft") return " ";
  if (gap.kind === "lines") return "";
  return slot.comments.length > 0 && !CLOSING.has(slot.type) ? " " : gap.flat;
}

function breaksAfter(comment: CommentItem): boolean {
  return comment.kind === "LineComment" || comment.breaksAfter > 0;
}

function clamp(value: number, [low, high]: Blanks): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * The rules to wrap: those longer than the line width on one line, and those with a comment inside
 * that needs a line break of its own.
 */
function wrappedGroups(slots: readonly Slot[], options: RenderOptions): Set<number> {
  const widths = new Map<number, number>();
  const wrapped = new Set<number>();
  for (const slot of slots) {
    const { group } = slot;
    if (group === undefined) continue;
    const length = slot.end - slot.start;
    if (!widths.has(group)) {
      widths.set(group, options.indent + length);
      continue;
    }
    let width = widths.get(group)!;
    for (const comment of slot.comments) {
      if (comment.breaksBefore > 0 || breaksAfter(comment)) wrapped.add(group);
      width += 1 + comment.end - comment.start;
    }
    widths.set(group, width + flatSeparator(slot).length + length);
  }
  for (const [group, width] of widths) if (width > options.maxLineWidth) wrapped.add(group);
  return wrapped;
}
