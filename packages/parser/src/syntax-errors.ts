import {
  BaseErrorListener,
  Lexer,
  Parser,
  type ATNSimulator,
  type RecognitionException,
  type Recognizer,
  type Token,
} from "antlr4ng";
import type { SyntaxDetail } from "./diagnostic.js";

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

  override syntaxError<S extends Token, T extends ATNSimulator>(
    recognizer: Recognizer<T>,
    offendingSymbol: S | null,
    line: number,
    column: number,
    message: string,
    exception: RecognitionException | null,
  ): void {
    if (recognizer instanceof Lexer) {
      const start = recognizer.tokenStartCharIndex;
      const stop = Math.min(recognizer.inputStream.index, recognizer.inputStream.size - 1);
      const text = recognizer.inputStream.getTextFromRange(start, stop);
      // The range stops before a line break that ended an unterminated string, so that it
      // underlines the string rather than the start of the next line.
      const shown = text.length > 1 ? text.replace(/[\r\n]+$/, "") : text;
      this.errors.push({
        message,
        start,
        end: start + [...shown].length,
        offendingToken: undefined,
        detail: {
          offendingSymbol: recognizer.getErrorDisplay(text),
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
