import {
  BailErrorStrategy,
  CharStream,
  CommonTokenStream,
  DefaultErrorStrategy,
  ListTokenSource,
  type Parser,
  type ParserRuleContext,
  type RecognitionException,
  ParseCancellationException,
  PredictionMode,
  Token,
} from "antlr4ng";
import { PolicyLexer } from "./policy-lexer.js";
import { antlrTokens } from "./antlr-tokens.js";
import { scan } from "./fast-lexer.js";
import { Utf16CharStream } from "./utf16-char-stream.js";
import {
  AuthorizationRulesContext,
  ConfigurationRulesContext,
  IssuanceRulesContext,
  MaaPolicyParser,
  PolicyContext,
} from "./generated/MaaPolicyParser.js";
import { AstBuilder } from "./ast-builder.js";
import type { ParseResult } from "./parse.js";
import type { SourceMap } from "./source-map.js";
import { MAX_SYNTAX_ERRORS } from "./limits.js";
import { SyntaxErrorCollector, TooManySyntaxErrors } from "./syntax-errors.js";
import { syntaxDiagnostic } from "./syntax-hints.js";

/**
 * The generated ANTLR parser's reading of the text, for text the fast parser declines (a syntax
 * error, astral characters): two stages, as vscode-antlr4 does. SLL prediction with a bail-out
 * strategy is fast and enough for nearly every policy; only on failure is the text parsed again
 * with full LL and error recovery, which gives ANTLR's exact messages. Loaded on demand
 * (`generated-parser.ts`): this module and ANTLR cost a cold start what a valid policy never uses.
 */
export function parseGenerated(text: string, source: SourceMap, astral: boolean): ParseResult {
  // Well-formed tokens (no astral characters, nothing the lexer rejects) come from the fast lexer;
  // the rest from the generated one, so that lexer errors keep ANTLR's messages and their order.
  // The generated lexer is only built when needed: loading its state machine costs a cold start.
  const scanned = astral ? undefined : scan(text);

  const errors = new SyntaxErrorCollector();
  const stream = astral ? CharStream.fromString(text) : new Utf16CharStream(text);
  const fast = scanned && antlrTokens(scanned, stream);
  let lexer: PolicyLexer | undefined;
  if (!fast) {
    lexer = new PolicyLexer(stream);
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
  }
  const tokens = new CommonTokenStream(fast ? new ListTokenSource(fast) : lexer!);
  const parser = new MaaPolicyParser(tokens);
  errors.parser = parser;
  parser.removeErrorListeners();
  // The AST builder reads the grammar's labels; a parse tree would cost a node per token.
  parser.buildParseTrees = false;

  let tree: PolicyContext | undefined;
  let stopped: TooManySyntaxErrors | undefined;
  const recovery = new TrackingErrorStrategy();
  // ANTLR makes an exception object for every error it recovers from, and capturing their stack
  // traces was most of the cost of error-dense text; nothing reads them.
  const stackTraceLimit = withoutStackTraces();
  try {
    parser.interpreter.predictionMode = PredictionMode.SLL;
    parser.errorHandler = new BailErrorStrategy();
    try {
      tree = parser.policy();
    } catch (error) {
      if (!(error instanceof ParseCancellationException)) throw error;
      errors.errors.length = 0;
      if (lexer) {
        lexer.reset();
        tokens.setTokenSource(lexer);
      } else {
        tokens.seek(0);
      }
      parser.reset();
      parser.addErrorListener(errors);
      parser.errorHandler = recovery;
      parser.interpreter.predictionMode = PredictionMode.LL;
      tree = parser.policy();
    }
  } catch (error) {
    if (!(error instanceof TooManySyntaxErrors)) throw error;
    stopped = error;
    tree = salvage(error, recovery.failed);
  } finally {
    restoreStackTraces(stackTraceLimit);
    errors.finished = true;
  }

  const hidden = tokens.getTokens().filter((token) => token.channel === Token.HIDDEN_CHANNEL);
  const policy = tree && new AstBuilder(source, recovery.failed).policy(tree, hidden);
  const diagnostics = errors.errors.map((error) => syntaxDiagnostic(error, source, tokens));
  if (stopped) {
    const at = source.range(stopped.start, stopped.start);
    diagnostics.push({
      code: "too-many-errors",
      severity: "information",
      message: `More than ${MAX_SYNTAX_ERRORS} syntax errors: maa-policy stopped reading here (the service reports only the first).`,
      range: at,
    });
  }
  return { policy, diagnostics, text, source };
}

/**
 * What was read before the parser stopped: the rules it finished, in the sections it was in. The
 * contexts it was inside when it stopped are incomplete; every one but a section is left out of
 * the AST, and a section it was in is kept with the rules it had finished.
 */
function salvage(stop: TooManySyntaxErrors, failed: WeakSet<ParserRuleContext>): PolicyContext | undefined {
  const open: ParserRuleContext[] = [];
  for (let context = stop.context; context; context = context.parent) open.push(context);
  const root = open.at(-1);
  if (!(root instanceof PolicyContext)) return undefined;
  for (const context of open) {
    if (context instanceof ConfigurationRulesContext) root._configuration.push(context);
    else if (context instanceof AuthorizationRulesContext) root._authorization.push(context);
    else if (context instanceof IssuanceRulesContext) root._issuance.push(context);
    else if (context !== root) failed.add(context);
  }
  return root;
}

type ErrorConstructorV8 = ErrorConstructor & { stackTraceLimit?: number };

function withoutStackTraces(): number | undefined {
  const before = (Error as ErrorConstructorV8).stackTraceLimit;
  (Error as ErrorConstructorV8).stackTraceLimit = 0;
  return before;
}

function restoreStackTraces(before: number | undefined): void {
  if (before === undefined) Reflect.deleteProperty(Error, "stackTraceLimit");
  else (Error as ErrorConstructorV8).stackTraceLimit = before;
}

/** Remembers the rule contexts in which an error was reported, so the AST builder can skip them. */
class TrackingErrorStrategy extends DefaultErrorStrategy {
  readonly failed = new WeakSet<ParserRuleContext>();

  override reportError(recognizer: Parser, error: RecognitionException): void {
    if (recognizer.context) this.failed.add(recognizer.context);
    super.reportError(recognizer, error);
  }
}
