import { TokenType as L } from "./generated/MaaPolicyTokens.js";
import type * as ast from "./ast.js";
import { AstWriter } from "./ast-records.js";
import { PolicyView } from "./ast-views.js";
import { isComment, SCAN_EOF, Scanner, type TokenRecorder } from "./fast-lexer.js";
import { MAX_NESTING, NestingTooDeep } from "./nesting-limit.js";
import type { SourceMap } from "./source-map.js";
import { NONE, NodeKind as K } from "./syntax-tree.js";
import { ACTION_OF_TOKEN, OPERATOR_OF_TOKEN, SECTION_OF_TOKEN } from "./token-names.js";

/**
 * Thrown inside the fast parser where the text leaves the grammar, and caught at its entry. One
 * instance made up front: declining is routine and must not pay for a stack trace each time.
 */
const DECLINE = new Error("the fast parser declines this text");

/**
 * The fast path of `parsePolicy`: a recursive-descent reading of the grammar (grammar/MaaPolicy.g4)
 * straight from the scanner to the AST's records (syntax-tree.ts), for the text that has no syntax
 * error, which is nearly all text. At the first token the grammar does not allow here it gives up,
 * and the generated ANTLR parser parses the text again: every syntax error keeps ANTLR's message,
 * recovery and rule stack. A property test holds its AST equal, node for node and range for
 * range, to the one the ANTLR path builds (`ast-builder.ts`).
 *
 * Calls nested past `MAX_NESTING` are declined too, so that one reader decides every such text
 * whatever else is wrong with it; the call is returned, for where the generated parser's own
 * stack gives out first. `tokens`, where given, records every token read (the formatter lays out
 * from them).
 */
export function parseFast(
  text: string,
  source: SourceMap,
  tokens?: TokenRecorder,
): ast.Policy | NestingTooDeep | undefined {
  let parser: FastParser | undefined;
  try {
    parser = new FastParser(new Scanner(text, tokens));
    const root = parser.policy();
    return new PolicyView(parser.out.finish(source, root), root);
  } catch (error) {
    if (error === DECLINE) return parser?.tooDeep;
    throw error;
  }
}

/**
 * Every method reads one production and returns the id of the record it wrote. The scanner holds
 * the next token; `start` and `end` are those of the token taken last.
 */
class FastParser {
  readonly out: AstWriter;
  private readonly comments: number[] = [];
  private start = 0;
  private end = 0;
  /** How many function calls the expression being read is inside. */
  private depth = 0;
  /** The first call past `MAX_NESTING`, where the parser declined for it. */
  tooDeep: NestingTooDeep | undefined;

  constructor(private readonly scanner: Scanner) {
    this.out = new AstWriter(scanner.text.length);
    this.advance();
  }

  policy(): number {
    const version = this.versionInfo();
    const sections = this.out.mark();
    while (SECTION_OF_TOKEN[this.peek()] !== undefined) this.out.push(this.section());
    if (this.peek() !== SCAN_EOF) throw DECLINE;
    return this.out.policy(this.scanner.text.length, version, sections, this.comments);
  }

  private versionInfo(): number {
    this.expect(L.VERSION);
    const start = this.start;
    this.expect(L.ASSIGN);
    this.expect(L.VERSION_NUMBER);
    const numberStart = this.start;
    const numberEnd = this.end;
    this.expect(L.SEMICOLON);
    return this.out.versionInfo(start, this.end, numberStart, numberEnd);
  }

  private section(): number {
    const keywordType = this.consume();
    const start = this.start;
    const keywordEnd = this.end;
    this.expect(L.LBRACE);
    const rules = this.out.mark();
    while (this.peek() !== L.RBRACE) this.out.push(this.rule());
    this.expect(L.RBRACE);
    this.expect(L.SEMICOLON);
    return this.out.section(start, this.end, keywordType, start, keywordEnd, rules);
  }

  private rule(): number {
    const start = this.scanner.start;
    const conditions = this.out.mark();
    if (this.peek() !== L.IMPLIES) {
      this.out.push(this.condition());
      while (this.peek() === L.AND) {
        this.consume();
        this.out.push(this.condition());
      }
    }
    this.expect(L.IMPLIES);
    const action = this.action();
    this.expect(L.SEMICOLON);
    return this.out.rule(start, this.end, action, conditions);
  }

  private condition(): number {
    const start = this.scanner.start;
    const negated = this.peek() === L.NOT;
    if (negated) this.consume();
    let identifierStart: number = NONE;
    let identifierEnd: number = NONE;
    if (this.peek() === L.IDENTIFIER) {
      this.consume();
      identifierStart = this.start;
      identifierEnd = this.end;
      this.expect(L.COLON);
    }
    this.expect(L.LBRACKET);
    const properties = this.out.mark();
    this.out.push(this.propertyCondition());
    while (this.peek() === L.COMMA) {
      this.consume();
      this.out.push(this.propertyCondition());
    }
    this.expect(L.RBRACKET);
    return this.out.condition(start, this.end, negated, identifierStart, identifierEnd, properties);
  }

  private propertyCondition(): number {
    this.expect(L.IDENTIFIER);
    const start = this.start;
    const propertyEnd = this.end;
    const operatorType = this.consume();
    if (OPERATOR_OF_TOKEN[operatorType] === undefined) throw DECLINE;
    const operatorStart = this.start;
    const operatorEnd = this.end;
    const value = this.expression();
    return this.out.propertyCondition(
      start,
      this.end,
      start,
      propertyEnd,
      operatorType,
      operatorStart,
      operatorEnd,
      value,
    );
  }

  private action(): number {
    const type = this.consume();
    const name = ACTION_OF_TOKEN[type];
    if (name === undefined) throw DECLINE;
    const start = this.start;
    const nameEnd = this.end;
    this.expect(L.LPAREN);
    const args = this.out.mark();
    if (name !== "permit" && name !== "deny") {
      this.out.push(this.claimArgument());
      while (this.peek() === L.COMMA) {
        this.consume();
        this.out.push(this.claimArgument());
      }
    }
    this.expect(L.RPAREN);
    return this.out.action(start, this.end, type, start, nameEnd, args);
  }

  private claimArgument(): number {
    this.expect(L.IDENTIFIER);
    const start = this.start;
    const nameEnd = this.end;
    this.expect(L.ASSIGN);
    const value = this.expression();
    return this.out.claimArgument(start, this.end, start, nameEnd, value);
  }

  private expression(): number {
    const type = this.consume();
    const start = this.start;
    const end = this.end;
    switch (type) {
      case L.STRING:
        return this.out.leaf(K.String, start, end);
      case L.INTEGER:
        return this.out.leaf(K.Integer, start, end);
      case L.TRUE:
      case L.FALSE:
        return this.out.leaf(K.Boolean, start, end);
      case L.IDENTIFIER:
        break;
      default:
        throw DECLINE;
    }
    if (this.peek() === L.DOT) {
      this.consume();
      this.expect(L.IDENTIFIER);
      return this.out.propertyReference(start, this.end, start, end, this.start, this.end);
    }
    if (this.peek() === L.LPAREN) {
      this.consume();
      if (++this.depth > MAX_NESTING) {
        this.tooDeep = new NestingTooDeep(start, end);
        throw DECLINE;
      }
      const args = this.out.mark();
      if (this.peek() !== L.RPAREN) {
        this.out.push(this.expression());
        while (this.peek() === L.COMMA) {
          this.consume();
          this.out.push(this.expression());
        }
      }
      this.expect(L.RPAREN);
      this.depth--;
      return this.out.functionCall(start, this.end, start, end, args);
    }
    return this.out.leaf(K.IdentifierReference, start, end);
  }

  /** The next token's type. (A method: TypeScript would narrow a field across `consume()`.) */
  private peek(): number {
    return this.scanner.type;
  }

  /** Takes the next token and returns its type; EOF is never passed. */
  private consume(): number {
    const { type } = this.scanner;
    if (type === SCAN_EOF) throw DECLINE;
    this.start = this.scanner.start;
    this.end = this.scanner.end;
    this.advance();
    return type;
  }

  /** Takes the next token if it has this type; else declines. */
  private expect(type: number): void {
    if (this.scanner.type !== type) throw DECLINE;
    this.consume();
  }

  /** Moves the scanner to the next token the grammar sees, writing the comments on the way. */
  private advance(): void {
    const scanner = this.scanner;
    for (;;) {
      if (!scanner.next()) throw DECLINE;
      if (!isComment(scanner.type)) return;
      const kind = scanner.type === L.LINE_COMMENT ? K.LineComment : K.BlockComment;
      this.comments.push(this.out.leaf(kind, scanner.start, scanner.end));
    }
  }
}
