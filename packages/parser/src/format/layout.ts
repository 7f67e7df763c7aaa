/**
 * The vocabulary shared by the formatter's stages. Formatting never adds, drops or reorders a token
 * or a comment: it only chooses the whitespace in front of each one. So the layout is a list of
 * slots, each holding the comments met before a token and the token itself, and every token says
 * how the gap in front of it is laid out (its `Gap`).
 */

/** [fewest, most] blank lines kept in a gap. */
export type Blanks = readonly [number, number];

/** A gap inside a line: nothing or one space; a comment that needs a line break goes to `indent`. */
export interface InlineGap {
  readonly kind: "inline";
  readonly flat: "" | " ";
  readonly indent: number;
}

/** One space while the rule fits on a line, a line break to `indent` once the rule is wrapped. */
export interface SoftGap {
  readonly kind: "soft";
  readonly indent: number;
}

/** A gap between lines: between rules and sections, around braces, at the start and end. */
export interface LinesGap {
  readonly kind: "lines";
  readonly commentIndent: number;
  readonly tokenIndent: number;
  /** Blank lines before the first comment on a line of its own. */
  readonly firstComment: Blanks;
  /** Blank lines before the token when no comment on a line of its own precedes it. */
  readonly token: Blanks;
  /** Blank lines before the token after a comment on a line of its own. */
  readonly tokenAfterComment: Blanks;
  /** The start of the document: nothing before the first item. */
  readonly start?: true;
}

export type Gap = InlineGap | SoftGap | LinesGap;

/** A comment as it stands in the source (offsets into it), with the line breaks around it there. */
export interface CommentItem {
  readonly kind: "LineComment" | "BlockComment";
  readonly start: number;
  readonly end: number;
  /** Line breaks in the whitespace between the previous item and this one. */
  readonly breaksBefore: number;
  /** Line breaks in the whitespace after the comment (a line comment always ends its line). */
  breaksAfter: number;
}

/**
 * A token, with the comments met before it, as it stands in the source (offsets into it: the
 * output copies tokens and comments from there).
 */
export interface Slot {
  readonly comments: readonly CommentItem[];
  readonly start: number;
  readonly end: number;
  /** The token's type (`TokenType`); the end of the document is `SCAN_EOF`, an empty token. */
  readonly type: number;
  readonly gap: Gap;
  /** The rule the token belongs to; a rule is wrapped or flat as a whole. */
  readonly group: number | undefined;
  /** Line breaks in the whitespace between the previous item and this token. */
  readonly breaksBefore: number;
}
