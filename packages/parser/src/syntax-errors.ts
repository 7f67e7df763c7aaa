import {
  BaseErrorListener,
  type ParserRuleContext,
  Lexer,
  Parser,
  type ATNSimulator,
  type RecognitionException,
  type Recognizer,
  type Token,
} from "antlr4ng";
import type { SyntaxDetail } from "./diagnostic.js";
import { MAX_EXCERPT_CHARS, MAX_SYNTAX_ERRORS } from "./limits.js";

/**
 * Thrown by the collector at the error past `MAX_SYNTAX_ERRORS`, from inside the parser (or the
 * lexer it is pulling tokens from); `parse.ts` catches it and builds what was read so far.
 * `context` is the rule the parser was in.
 */
export class TooManySyntaxErrors extends Error {
  constructor(
    readonly context: ParserRuleContext | null,
    /** Where the error past the limit is, as a character index. */
    readonly start: number,
  ) {
    super(`more than ${MAX_SYNTAX_ERRORS} syntax errors`);
  }
}

/** A syntax error as ANTLR reported it, before it becomes a `Diagnostic`. */
export interface RawSyntaxError {
  readonly message: string;
  /** Start and end (exclusive) as indexes into the ANTLR character stream (code points). */
  readonly start: number;
  readonly end: number;
  readonly offendingToken: Token | undefined;
  readonly detail: SyntaxDetail;
}

/**
 * Collects the errors of both the lexer and the parser in the order ANTLR reports them, which is
 * text order: tokens are lexed as the parser asks for them. A lexer error has no rule stack of its
 * own, so it takes the parser's stack at the moment the token was requested.
 */
export class SyntaxErrorCollector extends BaseErrorListener {
  readonly errors: RawSyntaxError[] = [];
  parser: Parser | undefined;
  /**
   * Set once the parse is over: what reads the token stream afterwards (the hints look at the
   * tokens around an error) can make the lexer read further, and its errors are not the parse's.
   */
  finished = false;

  override syntaxError<S extends Token, T extends ATNSimulator>(
    recognizer: Recognizer<T>,
    offendingSymbol: S | null,
    line: number,
    column: number,
    message: string,
    exception: RecognitionException | null,
  ): void {
    if (this.finished) return;
    if (this.errors.length >= MAX_SYNTAX_ERRORS) {
      const start =
        recognizer instanceof Lexer ? recognizer.tokenStartCharIndex : (offendingSymbol?.start ?? 0);
      throw new TooManySyntaxErrors(this.parser?.context ?? null, start);
    }
    if (recognizer instanceof Lexer) {
      const start = recognizer.tokenStartCharIndex;
      const stop = Math.min(recognizer.inputStream.index, recognizer.inputStream.size - 1);
      const text = recognizer.inputStream.getTextFromRange(start, stop);
      // The range stops before a line break that ended an unterminated string, so that it
      // underlines the string rather than the start of the next line.
      const shown = text.length > 1 ? text.replace(/[\r\n]+$/, "") : text;
      // ANTLR echoes all of the text it could not match; an unterminated comment is the rest of the file.
      const long = text.length > MAX_EXCERPT_CHARS;
      const excerpt = long ? `${recognizer.getErrorDisplay(text.slice(0, MAX_EXCERPT_CHARS))}…` : undefined;
      this.errors.push({
        message: excerpt === undefined ? message : `token recognition error at: '${excerpt}'`,
        start,
        end: start + [...shown].length,
        offendingToken: undefined,
        detail: {
          offendingSymbol: excerpt ?? recognizer.getErrorDisplay(text),
          line,
          column,
          ruleStack: this.ruleStack(this.parser),
        },
      });
      return;
    }
    const token = offendingSymbol ?? exception?.offendingToken ?? undefined;
    const start = token ? token.start : 0;
    const end = token ? (token.type === -1 ? token.start : token.stop + 1) : 0;
    this.errors.push({
      message,
      start,
      end,
      offendingToken: token ?? undefined,
      detail: {
        offendingSymbol: token ? displayToken(token) : "",
        line,
        column,
        ruleStack: this.ruleStack(recognizer instanceof Parser ? recognizer : undefined),
      },
    });
  }

  private ruleStack(parser: Parser | undefined): string[] {
    if (!parser?.context) return [];
    return parser.getRuleInvocationStack().reverse();
  }
}

function displayToken(token: Token): string {
  return token.type === -1 ? "<EOF>" : (token.text ?? "");
}
