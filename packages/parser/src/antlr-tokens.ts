import { Token, type CharStream, type TokenSource } from "antlr4ng";
import { isComment, SCAN_EOF, scan, type Scan } from "./fast-lexer.js";

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
