import { Token, type CharStream, type TokenSource } from "antlr4ng";
import { MaaPolicyLexer as L } from "./generated/MaaPolicyLexer.js";
import { KEYWORDS } from "./language.js";

/** Keyword text to token type, read off the generated lexer so that the two cannot disagree. */
const KEYWORD_TYPES = new Map<string, number>(KEYWORDS.map((k) => [k, L.literalNames.indexOf(`'${k}'`)]));

const MAX_KEYWORD_LENGTH = Math.max(...KEYWORDS.map((k) => k.length));

const SINGLE: Record<string, number> = {
  ":": L.COLON,
  ",": L.COMMA,
  ";": L.SEMICOLON,
  ".": L.DOT,
  "(": L.LPAREN,
  ")": L.RPAREN,
  "[": L.LBRACKET,
  "]": L.RBRACKET,
  "{": L.LBRACE,
  "}": L.RBRACE,
};

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentifierStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentifierPart = (c: number) => isIdentifierStart(c) || isDigit(c);
const isWhitespace = (c: number) =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;

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
 * it gives up (returns undefined) and the caller lexes with the generated lexer, so every lexer
 * error keeps ANTLR's exact message. A property test holds the two to the same tokens.
 */
export function scan(text: string): Scan | undefined {
  // Policies run to about one token every four characters; the arrays grow if one has more.
  // (Sized for the worst case, a large policy's arrays cost the garbage collector more than the
  // policy itself: the language server re-scans on every keystroke.)
  let capacity = (text.length >> 2) + 16;
  let types = new Uint8Array(capacity);
  let starts = new Uint32Array(capacity);
  let ends = new Uint32Array(capacity);
  let count = 0;
  let i = 0;
  const emit = (type: number, start: number, end: number) => {
    if (count === capacity) {
      capacity *= 2;
      types = grown(types, new Uint8Array(capacity));
      starts = grown(starts, new Uint32Array(capacity));
      ends = grown(ends, new Uint32Array(capacity));
    }
    types[count] = type;
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const start = i;
    if (isWhitespace(c)) {
      while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
      continue;
    }
    if (isIdentifierStart(c)) {
      while (i < text.length && isIdentifierPart(text.charCodeAt(i))) i++;
      emit(
        i - start <= MAX_KEYWORD_LENGTH
          ? (KEYWORD_TYPES.get(text.slice(start, i)) ?? L.IDENTIFIER)
          : L.IDENTIFIER,
        start,
        i,
      );
      continue;
    }
    if (isDigit(c)) {
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < text.length && isDigit(text.charCodeAt(i))) i++;
        emit(L.VERSION_NUMBER, start, i);
      } else emit(L.INTEGER, start, i);
      continue;
    }
    if (c === 34 /* " */) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (i >= text.length || d === 10 || d === 13) return undefined;
        if (d === 34) break;
        if (d === 92 /* \ */) {
          const e = text.charCodeAt(i + 1);
          if (i + 1 >= text.length || e === 10 || e === 13) return undefined;
          i += 2;
        } else i++;
      }
      i++;
      emit(L.STRING, start, i);
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c === 47 /* / */ && next === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      emit(L.LINE_COMMENT, start, i);
      continue;
    }
    if (c === 47 && next === 42 /* * */) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      i = end + 2;
      emit(L.BLOCK_COMMENT, start, i);
      continue;
    }
    const type = operator(c, next);
    if (type === undefined) return undefined;
    i += type.length;
    emit(type.type, start, i);
  }
  emit(SCAN_EOF, text.length, text.length);
  return { text, count, types, starts, ends };
}

function grown<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** EOF in a scan: ANTLR's is -1, which a byte cannot hold; ANTLR never uses type 0. */
export const SCAN_EOF = 0;

export const isComment = (type: number) => type === L.LINE_COMMENT || type === L.BLOCK_COMMENT;

/**
 * The scan as antlr4ng tokens, for the generated parser, with ANTLR's line (1-based, counting `\n`
 * only) and column (0-based) of each token.
 */
export function antlrTokens(scanned: Scan, stream: CharStream): Token[] {
  const { text } = scanned;
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  for (let k = 0; k < scanned.count; k++) {
    const type = scanned.types[k];
    const start = scanned.starts[k];
    for (; cursor < start; cursor++) {
      if (text.charCodeAt(cursor) === 10) {
        line++;
        lineStart = cursor + 1;
      }
    }
    tokens.push(
      new PolicyToken(
        scanned.text,
        stream,
        type === SCAN_EOF ? Token.EOF : type,
        isComment(type) ? Token.HIDDEN_CHANNEL : Token.DEFAULT_CHANNEL,
        start,
        scanned.ends[k] - 1,
        line,
        start - lineStart,
      ),
    );
  }
  return tokens;
}

/** Scan and wrap in one go (the language server's completion and the tests use this). */
export function lexFast(text: string, stream: CharStream): Token[] | undefined {
  const scanned = scan(text);
  return scanned && antlrTokens(scanned, stream);
}

function operator(c: number, next: number): { type: number; length: number } | undefined {
  const ch = String.fromCharCode(c);
  const single = SINGLE[ch];
  if (single !== undefined) return { type: single, length: 1 };
  switch (ch) {
    case "=":
      return next === 62
        ? { type: L.IMPLIES, length: 2 }
        : next === 61
          ? { type: L.EQUAL, length: 2 }
          : { type: L.ASSIGN, length: 1 };
    case "!":
      return next === 61 ? { type: L.NOT_EQUAL, length: 2 } : { type: L.NOT, length: 1 };
    case "<":
      return next === 61 ? { type: L.LESS_EQ, length: 2 } : { type: L.LESS, length: 1 };
    case ">":
      return next === 61 ? { type: L.GREATER_EQ, length: 2 } : { type: L.GREATER, length: 1 };
    case "&":
      return next === 38 ? { type: L.AND, length: 2 } : undefined;
    default:
      return undefined;
  }
}

/**
 * A token of the fast lexer: plain fields and a text sliced from the policy on demand. antlr4ng's
 * CommonToken carries more per instance than a policy's hundreds of thousands of tokens need.
 */
class PolicyToken implements Token {
  tokenIndex = -1;
  /** No lexer made these tokens; error recovery copes (it copies the source into tokens it conjures). */
  readonly tokenSource: TokenSource | null = null;

  constructor(
    private readonly source: string,
    readonly inputStream: CharStream,
    public type: number,
    public channel: number,
    public start: number,
    public stop: number,
    public line: number,
    public column: number,
  ) {}

  get text(): string {
    return this.type === Token.EOF ? "<EOF>" : this.source.slice(this.start, this.stop + 1);
  }

  setText(_text: string): void {}
  setType(type: number): void {
    this.type = type;
  }
  setLine(line: number): void {
    this.line = line;
  }
  setCharPositionInLine(column: number): void {
    this.column = column;
  }
  setChannel(channel: number): void {
    this.channel = channel;
  }
  setTokenIndex(index: number): void {
    this.tokenIndex = index;
  }

  toString(): string {
    return `[@${this.tokenIndex},${this.start}:${this.stop}='${this.text}',<${this.type}>,${this.line}:${this.column}]`;
  }
}
