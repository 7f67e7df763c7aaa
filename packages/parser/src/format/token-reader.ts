import type { Comment } from "../ast.js";
import type { Range } from "../position.js";
import type { CommentItem, Gap, Slot, SourceItem } from "./layout.js";

/** The grammar's WHITESPACE characters: what may stand between tokens besides comments. */
const WHITESPACE = new Set([" ", "\t", "\r", "\n", "\f", "\u000B", "\u00A0", "\uFEFF"]);

/** The AST walk and the source disagree: a formatter bug, reported as a value by `formatPolicy`. */
export class AlignmentError extends Error {}

/**
 * Walks the source alongside the AST walk: each call names the next token (by its text or by the
 * AST range that covers it), and the reader checks it is really there, collecting the comments
 * passed on the way. Checking every token is what lets the formatter promise that it only moves
 * whitespace.
 */
export class TokenReader {
  readonly slots: Slot[] = [];
  private cursor = 0;
  private nextComment = 0;
  private pending: CommentItem[] = [];

  constructor(
    private readonly text: string,
    private readonly comments: readonly Comment[],
  ) {}

  /** A token whose text is fixed by the grammar: punctuation and keywords. */
  token(expected: string, gap: Gap, group?: number): void {
    this.skip();
    if (!this.text.startsWith(expected, this.cursor))
      throw new AlignmentError(`expected '${expected}' at offset ${this.cursor}`);
    this.push(this.cursor, this.cursor + expected.length, gap, group);
  }

  /** A token the AST locates: names, literals, operators, the version number. */
  node(range: Range, gap: Gap, group?: number): void {
    this.skip();
    if (range.start.offset !== this.cursor)
      throw new AlignmentError(`expected a token at offset ${range.start.offset}, found ${this.cursor}`);
    this.push(range.start.offset, range.end.offset, gap, group);
  }

  /** The end of the text, after the last comments. */
  end(gap: Gap): Slot[] {
    this.skip();
    if (this.cursor !== this.text.length)
      throw new AlignmentError(`unexpected text at offset ${this.cursor}`);
    this.push(this.cursor, this.cursor, gap, undefined);
    this.countBreaks();
    return this.slots;
  }

  private push(start: number, end: number, gap: Gap, group: number | undefined): void {
    const text = this.text.slice(start, end);
    this.slots.push({ comments: this.pending, token: { text, start, end, gap, group, breaksBefore: 0 } });
    this.pending = [];
    this.cursor = end;
  }

  private skip(): void {
    for (;;) {
      const comment = this.comments[this.nextComment];
      if (comment?.range.start.offset === this.cursor) {
        const { start, end } = { start: comment.range.start.offset, end: comment.range.end.offset };
        this.pending.push({
          kind: comment.kind,
          text: comment.text,
          start,
          end,
          breaksBefore: 0,
          breaksAfter: 0,
        });
        this.cursor = end;
        this.nextComment++;
      } else if (WHITESPACE.has(this.text[this.cursor] ?? "")) {
        this.cursor++;
      } else {
        return;
      }
    }
  }

  /** Fills in the line breaks around each item, which is all the formatter keeps of the old layout. */
  private countBreaks(): void {
    let previous: SourceItem | undefined;
    for (const slot of this.slots) {
      for (const item of [...slot.comments, slot.token]) {
        item.breaksBefore = lineBreaks(this.text.slice(previous?.end ?? 0, item.start));
        if (previous && "breaksAfter" in previous) {
          const comment = previous as CommentItem;
          comment.breaksAfter =
            comment.kind === "LineComment" ? Math.max(1, item.breaksBefore) : item.breaksBefore;
        }
        previous = item;
      }
    }
  }
}

/** `\r\n`, `\n` and a lone `\r` each count once, as in `LineIndex`. */
export function lineBreaks(whitespace: string): number {
  return whitespace.match(/\r\n|\r|\n/g)?.length ?? 0;
}
