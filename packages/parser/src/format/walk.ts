import { TokenType as T } from "../generated/MaaPolicyTokens.js";
import { isComment, SCAN_EOF, type Scan } from "../fast-lexer.js";
import type { Blanks, CommentItem, Gap, InlineGap, LinesGap, Slot, SoftGap } from "./layout.js";

/**
 * The canonical layout, token by token (docs/formatting.md): which gap stands before each token of
 * the policy, read from the scan of a policy the parser has accepted. The grammar places every
 * token, so the token types alone say where a token stands (the version line, a section's braces,
 * a rule and where in it); walking the AST instead made a view and a range for every token, most
 * of what formatting a large policy cost.
 */
export function layoutSlots(scanned: Scan, indent: number): Slot[] {
  return new Layout(scanned, indent).slots();
}

const NONE: Blanks = [0, 0];
const AT_MOST_ONE: Blanks = [0, 1];
const EXACTLY_ONE: Blanks = [1, 1];
const NO_COMMENTS: readonly CommentItem[] = [];

function lines(indent: number, token: number, first: Blanks, bare: Blanks, after: Blanks): LinesGap {
  return {
    kind: "lines",
    commentIndent: indent,
    tokenIndent: token,
    firstComment: first,
    token: bare,
    tokenAfterComment: after,
  };
}

const inline = (flat: "" | " ", indent: number): InlineGap => ({ kind: "inline", flat, indent });

class Layout {
  private readonly out: Slot[] = [];
  private comments: CommentItem[] | undefined;
  /** The end of the item before the next one, for the line breaks between them. */
  private previousEnd = 0;
  private previousComment: CommentItem | undefined;
  private group = 0;

  private readonly start: LinesGap = { ...lines(0, 0, NONE, NONE, AT_MOST_ONE), start: true };
  private readonly top = lines(0, 0, EXACTLY_ONE, EXACTLY_ONE, AT_MOST_ONE);
  private readonly header = lines(0, 0, NONE, NONE, NONE);
  private readonly open: LinesGap;
  private readonly between: LinesGap;
  private readonly closeEmpty: LinesGap;
  private readonly closeAfterRules: LinesGap;
  private readonly end = lines(0, 0, AT_MOST_ONE, NONE, NONE);
  /** Between the tokens of the version line, and after a section's `}`. */
  private readonly outside: InlineGap;
  /** Inside a rule: no spaces inside brackets, one after each comma and around `&&` and `=>`. */
  private readonly none: InlineGap;
  private readonly space: InlineGap;
  /** Conditions line up under the first one when the rule is wrapped (docs/formatting.md). */
  private readonly nextCondition: SoftGap;
  private readonly arrow: SoftGap;

  constructor(
    private readonly scanned: Scan,
    indent: number,
  ) {
    this.open = lines(indent, indent, NONE, NONE, AT_MOST_ONE);
    this.between = lines(indent, indent, AT_MOST_ONE, AT_MOST_ONE, AT_MOST_ONE);
    this.closeEmpty = lines(indent, 0, NONE, NONE, NONE);
    this.closeAfterRules = lines(indent, 0, AT_MOST_ONE, NONE, NONE);
    this.outside = inline("", indent);
    this.none = inline("", 2 * indent);
    this.space = inline(" ", 2 * indent);
    this.nextCondition = { kind: "soft", indent };
    this.arrow = { kind: "soft", indent: 2 * indent };
  }

  slots(): Slot[] {
    const { count, types } = this.scanned;
    // Where the walk is: in a section (between its braces), and at what in a rule.
    let inSection = false;
    let rules = 0;
    let ruleStart = true;
    let previous: number = SCAN_EOF;
    for (let k = 0; k < count; k++) {
      const type = types[k];
      if (isComment(type)) {
        this.comment(k);
        continue;
      }
      let gap: Gap;
      let group: number | undefined;
      if (type === SCAN_EOF) gap = this.end;
      else if (!inSection) {
        if (type === T.VERSION) gap = this.start;
        else if (type === T.LBRACE) {
          gap = this.header;
          inSection = true;
          rules = 0;
        } else if (type === T.SEMICOLON || previous === T.VERSION || previous === T.ASSIGN)
          gap = this.outside;
        else gap = this.top;
      } else if (ruleStart && type === T.RBRACE) {
        gap = rules > 0 ? this.closeAfterRules : this.closeEmpty;
        inSection = false;
      } else {
        group = this.group;
        if (ruleStart) {
          gap = rules === 0 ? this.open : this.between;
          ruleStart = false;
        } else if (type === T.IMPLIES) gap = this.arrow;
        else if (type === T.AND || previous === T.COMMA || previous === T.IMPLIES) gap = this.space;
        else if (previous === T.AND) gap = this.nextCondition;
        else gap = this.none;
        if (type === T.SEMICOLON) {
          ruleStart = true;
          rules++;
          this.group++;
        }
      }
      this.token(k, gap, group);
      previous = type;
    }
    return this.out;
  }

  private comment(k: number): void {
    const { starts, ends, types } = this.scanned;
    const start = starts[k];
    const end = ends[k];
    const item: CommentItem = {
      kind: types[k] === T.LINE_COMMENT ? "LineComment" : "BlockComment",
      start,
      end,
      breaksBefore: this.breaksBefore(start),
      breaksAfter: 0,
    };
    (this.comments ??= []).push(item);
    this.previousEnd = end;
    this.previousComment = item;
  }

  private token(k: number, gap: Gap, group: number | undefined): void {
    const { starts, ends, types } = this.scanned;
    const start = starts[k];
    const end = ends[k];
    const breaksBefore = this.breaksBefore(start);
    this.out.push({
      comments: this.comments ?? NO_COMMENTS,
      start,
      end,
      type: types[k],
      gap,
      group,
      breaksBefore,
    });
    this.comments = undefined;
    this.previousEnd = end;
    this.previousComment = undefined;
  }

  /**
   * The line breaks between the previous item and one starting at `start`, which is all the
   * formatter keeps of the old layout; they also end the comment before it.
   */
  private breaksBefore(start: number): number {
    const breaks = lineBreaks(this.scanned.text, this.previousEnd, start);
    const comment = this.previousComment;
    // A line comment always ends its line.
    if (comment) comment.breaksAfter = comment.kind === "LineComment" ? Math.max(1, breaks) : breaks;
    return breaks;
  }
}

/** Line breaks in `text` from `start` to `end`: `\r\n`, `\n` and a lone `\r` each count once, as in `LineIndex`. */
function lineBreaks(text: string, start: number, end: number): number {
  let breaks = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      breaks++;
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
    }
  }
  return breaks;
}
