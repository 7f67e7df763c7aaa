import { LITERAL_TOKEN_TYPES, TokenType as L } from "./generated/MaaPolicyTokens.js";
import { KEYWORDS } from "./language.js";

/**
 * The keywords by length, each with its token type from the grammar's token file (not the
 * generated lexer, whose module builds its state machine when loaded) so that the two cannot
 * disagree. An identifier is compared in place with the few keywords of its length and first
 * character: slicing every identifier out of the text to look it up made garbage at every token.
 */
const KEYWORDS_BY_LENGTH: (readonly [string, number, number])[][] = [];
for (const keyword of KEYWORDS)
  (KEYWORDS_BY_LENGTH[keyword.length] ??= []).push([
    keyword,
    LITERAL_TOKEN_TYPES[keyword],
    keyword.charCodeAt(0),
  ]);

function identifierOrKeyword(text: string, start: number, end: number): number {
  const candidates = KEYWORDS_BY_LENGTH[end - start];
  if (candidates === undefined) return L.IDENTIFIER;
  const first = text.charCodeAt(start);
  for (const [keyword, type, firstCode] of candidates)
    if (firstCode === first && text.startsWith(keyword, start)) return type;
  return L.IDENTIFIER;
}

/** Punctuation by character code (0: none; ANTLR gives no token type 0). Tables, not a Map: a lookup a token. */
const SINGLE = new Uint8Array(128);
for (const [char, type] of [
  [":", L.COLON],
  [",", L.COMMA],
  [";", L.SEMICOLON],
  [".", L.DOT],
  ["(", L.LPAREN],
  [")", L.RPAREN],
  ["[", L.LBRACKET],
  ["]", L.RBRACKET],
  ["{", L.LBRACE],
  ["}", L.RBRACE],
] as const)
  SINGLE[char.charCodeAt(0)] = type;

/** The operators of two characters, by token type; every other token the operator scan finds has one. */
const TWO_CHARACTERS = new Uint8Array(256);
for (const type of [L.IMPLIES, L.EQUAL, L.NOT_EQUAL, L.LESS_EQ, L.GREATER_EQ, L.AND])
  TWO_CHARACTERS[type] = 1;

/**
 * The class of each ASCII character, one load a character where a chain of comparisons cost
 * most of a scan (and the scan was most of a parse). 0 is any other character; outside ASCII
 * only the two whitespace characters of `isWhitespace` are anything but that.
 */
const SPACE = 1;
const LETTER = 2; // or `_`: an identifier's start
const DIGIT = 3;
const CLASS = new Uint8Array(128);
for (const c of [32, 9, 10, 13, 12, 11]) CLASS[c] = SPACE;
for (let c = 65; c <= 90; c++) CLASS[c] = CLASS[c + 32] = LETTER;
CLASS[95] = LETTER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
/** In a string: 1 for the characters that end or escape it, or that it may not hold. */
const STOPS = new Uint8Array(128);
for (const c of [34 /* " */, 92 /* \ */, 10, 13]) STOPS[c] = 1;

const isDigit = (c: number) => c < 128 && CLASS[c] === DIGIT;
const isIdentifierStart = (c: number) => c < 128 && CLASS[c] === LETTER;
const isIdentifierPart = (c: number) => c < 128 && CLASS[c] >= LETTER;
const isWhitespace = (c: number) => (c < 128 ? CLASS[c] === SPACE : c === 0xa0 || c === 0xfeff);

/**
 * What the scanner found: every token (comments included, EOF last) in parallel arrays, so that a
 * policy of many thousand rules costs a few allocations, not one object a token.
 */
export interface Scan {
  readonly text: string;
  readonly count: number;
  readonly types: Uint8Array;
  readonly starts: Uint32Array;
  /** Exclusive. */
  readonly ends: Uint32Array;
}

/**
 * A hand-written lexer for the grammar's tokens, an order of magnitude faster than the generated
 * one. It handles well-formed text only: at the first character the generated lexer would reject,
 * it gives up and the caller lexes with the generated lexer, so every lexer error keeps ANTLR's
 * exact message. A property test holds the two to the same tokens.
 *
 * It reads one token at a time into `type`, `start` and `end` (comments included; EOF, once the
 * text is read, again and again): the fast parser reads straight from it, so a large policy's
 * tokens never sit in memory all at once.
 */
export class Scanner {
  type = SCAN_EOF;
  start = 0;
  /** Exclusive. */
  end = 0;
  private i = 0;

  /** `tokens`, where given, records every token read (`scan`, and the parse the formatter reads). */
  constructor(
    readonly text: string,
    private readonly tokens?: TokenRecorder,
  ) {}

  /** Reads the next token; false where the text has a token the generated lexer must report. */
  next(): boolean {
    const text = this.text;
    let i = this.i;
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    const start = i;
    this.start = start;
    if (i >= text.length) return this.token(SCAN_EOF, i);
    const c = text.charCodeAt(i);
    if (isIdentifierStart(c)) {
      while (i < text.length && isIdentifierPart(text.charCodeAt(i))) i++;
      return this.token(identifierOrKeyword(text, start, i), i);
    }
    if (isDigit(c)) {
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 46 || !isDigit(text.charCodeAt(i + 1))) return this.token(L.INTEGER, i);
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      return this.token(L.VERSION_NUMBER, i);
    }
    if (c === 34 /* " */) {
      i++;
      for (;;) {
        // Past the end, charCodeAt gives NaN, which neither comparison lets through.
        let d = text.charCodeAt(i);
        while (d >= 128 || (d >= 0 && STOPS[d] === 0)) d = text.charCodeAt(++i);
        if (i >= text.length || d === 10 || d === 13) return false;
        if (d === 34) break;
        if (d === 92 /* \ */) {
          const e = text.charCodeAt(i + 1);
          if (i + 1 >= text.length || e === 10 || e === 13) return false;
          i += 2;
        } else i++;
      }
      return this.token(L.STRING, i + 1);
    }
    const next = text.charCodeAt(i + 1);
    if (c === 47 /* / */ && next === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      return this.token(L.LINE_COMMENT, i);
    }
    if (c === 47 && next === 42 /* * */) {
      const end = text.indexOf("*/", i + 2);
      return end >= 0 && this.token(L.BLOCK_COMMENT, end + 2);
    }
    const type = operator(c, next);
    return type !== NO_TOKEN && this.token(type, i + 1 + TWO_CHARACTERS[type]);
  }

  private token(type: number, end: number): true {
    this.type = type;
    this.end = end;
    this.i = end;
    this.tokens?.add(type, this.start, end);
    return true;
  }
}

/** The tokens a `Scanner` reads, into the growing arrays of a `Scan`. */
export class TokenRecorder {
  private count = 0;
  private capacity: number;
  private types: Uint8Array;
  private starts: Uint32Array;
  private ends: Uint32Array;

  constructor(readonly text: string) {
    // Policies run to about one token every four characters; the arrays grow if one has more.
    this.capacity = (text.length >> 2) + 16;
    this.types = new Uint8Array(this.capacity);
    this.starts = new Uint32Array(this.capacity);
    this.ends = new Uint32Array(this.capacity);
  }

  add(type: number, start: number, end: number): void {
    if (this.count === this.capacity) {
      this.capacity *= 2;
      this.types = grown(this.types, new Uint8Array(this.capacity));
      this.starts = grown(this.starts, new Uint32Array(this.capacity));
      this.ends = grown(this.ends, new Uint32Array(this.capacity));
    }
    this.types[this.count] = type;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** What was read, once the scanner has read the end of the text. */
  scan(): Scan {
    const { text, count, types, starts, ends } = this;
    return { text, count, types, starts, ends };
  }
}

/** Every token of the text at once, or undefined where the generated lexer must take over. */
export function scan(text: string): Scan | undefined {
  const tokens = new TokenRecorder(text);
  const scanner = new Scanner(text, tokens);
  do if (!scanner.next()) return undefined;
  while (scanner.type !== SCAN_EOF);
  return tokens.scan();
}

function grown<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** EOF in a scan: ANTLR's is -1, which a byte cannot hold; ANTLR never uses type 0. */
export const SCAN_EOF = 0;

export const isComment = (type: number) => type === L.LINE_COMMENT || type === L.BLOCK_COMMENT;

/** Where the operator scan finds no token. */
const NO_TOKEN = -1;

function operator(c: number, next: number): number {
  const single = c < 128 ? SINGLE[c] : 0;
  if (single !== 0) return single;
  switch (c) {
    case 61 /* = */:
      return next === 62 /* > */ ? L.IMPLIES : next === 61 ? L.EQUAL : L.ASSIGN;
    case 33 /* ! */:
      return next === 61 ? L.NOT_EQUAL : L.NOT;
    case 60 /* < */:
      return next === 61 ? L.LESS_EQ : L.LESS;
    case 62 /* > */:
      return next === 61 ? L.GREATER_EQ : L.GREATER;
    case 38 /* & */:
      return next === 38 ? L.AND : NO_TOKEN;
    default:
      return NO_TOKEN;
  }
}
