import type { Scan } from "../fast-lexer.js";

/**
 * The vocabulary shared by the formatter's stages. Formatting never adds, drops or reorders a token
 * or a comment: it only chooses the whitespace in front of each one. So the layout is the scan of
 * the policy, and every token says how the gap in front of it is laid out (its `Gap`), the comments
 * met before it included.
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

/** Where a token stands outside every rule. */
export const NO_GROUP = -1;

/**
 * The layout of a scanned policy, one entry per item of the scan (tokens and comments, EOF last):
 * typed arrays, not an object per token, since a large policy has millions of tokens. The items
 * themselves are the scan's (offsets into the source: the output copies them from there).
 */
export interface Layout {
  readonly scanned: Scan;
  /**
   * The gap in front of each item, an index into `gaps`. A comment has the gap of the token it
   * precedes; a token with comments before it is laid out with them.
   */
  readonly gapOf: Uint8Array;
  readonly gaps: readonly Gap[];
  /** The rule each token belongs to, numbered from 0 (`NO_GROUP` outside rules): a rule is wrapped or flat as a whole. */
  readonly groupOf: Int32Array;
  readonly groups: number;
  /**
   * Line breaks in the whitespace between the previous item and each item, which is all the
   * formatter keeps of the old layout; those after a comment end it.
   */
  readonly breaksBefore: Uint32Array;
}
