import { MaaPolicyLexer as L } from "./generated/MaaPolicyLexer.js";
import type * as ast from "./ast.js";
import { isComment, SCAN_EOF, type Scan } from "./fast-lexer.js";
import type { Position, Range } from "./position.js";
import type { SourceMap } from "./source-map.js";
import { unquote } from "./string-literal.js";
import { ACTION_OF_TOKEN, OPERATOR_OF_TOKEN, SECTION_OF_TOKEN } from "./token-names.js";
import { CLAIM_PROPERTIES } from "./language.js";

/**
 * The names nearly every rule repeats, kept once: a policy's AST would otherwise hold a copy of
 * `type` and `value` for every condition and argument.
 */
const COMMON_NAMES = new Map([...CLAIM_PROPERTIES, "claim"].map((name) => [name, name]));

/**
 * Thrown inside the fast parser where the text leaves the grammar, and caught at its entry. One
 * instance made up front: declining is routine and must not pay for a stack trace each time.
 */
const DECLINE = new Error("the fast parser declines this text");

/**
 * The fast path of `parsePolicy`: a recursive-descent reading of the grammar (grammar/MaaPolicy.g4)
 * straight from the scan to the AST, for the text that has no syntax error, which is nearly all
 * text. At the first token the grammar does not allow here it gives up, and the generated ANTLR
 * parser parses the text again: every syntax error keeps ANTLR's message, recovery and rule stack.
 * A property test holds its AST equal, node for node and range for range, to the one the ANTLR
 * path builds (`ast-builder.ts`), including the order of every node's fields.
 */
export function parseFast(scanned: Scan, source: SourceMap): ast.Policy | undefined {
  try {
    return new FastParser(scanned, source).policy();
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

class FastParser {
  /** The scan's indexes of the tokens the parser sees (comments are on their own channel). */
  private readonly visible: Uint32Array;
  private readonly comments: ast.Comment[] = [];
  private next = 0;

  constructor(
    private readonly scan: Scan,
    private readonly source: SourceMap,
  ) {
    this.visible = new Uint32Array(scan.count);
    let n = 0;
    for (let k = 0; k < scan.count; k++) {
      if (!isComment(scan.types[k])) this.visible[n++] = k;
      else this.comments.push(this.comment(k));
    }
  }

  policy(): ast.Policy {
    const version = this.versionInfo();
    const sections: ast.Section[] = [];
    while (SECTION_OF_TOKEN[this.peek()] !== undefined) sections.push(this.section());
    this.expect(SCAN_EOF);
    const text = this.source.text;
    return {
      kind: "Policy",
      range: this.source.lines.range(0, text.length),
      version,
      sections,
      comments: this.comments,
    };
  }

  private versionInfo(): ast.VersionInfo {
    const first = this.expect(L.VERSION);
    this.expect(L.ASSIGN);
    const number = this.expect(L.VERSION_NUMBER);
    const last = this.expect(L.SEMICOLON);
    return {
      kind: "VersionInfo",
      range: this.range(first, last),
      text: this.text(number),
      numberRange: this.range(number, number),
    };
  }

  private section(): ast.Section {
    const keyword = this.visible[this.next];
    const name = SECTION_OF_TOKEN[this.consume()];
    this.expect(L.LBRACE);
    const rules: ast.Rule[] = [];
    while (this.peek() !== L.RBRACE) rules.push(this.rule());
    this.expect(L.RBRACE);
    const keywordRange = this.range(keyword, keyword);
    const last = this.expect(L.SEMICOLON);
    return {
      kind: "Section",
      range: this.span(keywordRange.start, this.endOf(last)),
      name,
      keywordRange,
      rules,
    };
  }

  private rule(): ast.Rule {
    const conditions: ast.Condition[] = [];
    if (this.peek() !== L.IMPLIES) {
      conditions.push(this.condition());
      while (this.peek() === L.AND) {
        this.consume();
        conditions.push(this.condition());
      }
    }
    const implies = this.expect(L.IMPLIES);
    const action = this.action();
    const last = this.expect(L.SEMICOLON);
    const start = conditions[0]?.range.start ?? this.startOf(implies);
    return { kind: "Rule", range: this.span(start, this.endOf(last)), conditions, action };
  }

  private condition(): ast.Condition {
    const first = this.visible[this.next];
    const negated = this.peek() === L.NOT;
    if (negated) this.consume();
    let identifier: ast.Name | undefined;
    if (this.peek() === L.IDENTIFIER) {
      identifier = this.name(this.expect(L.IDENTIFIER));
      this.expect(L.COLON);
    }
    this.expect(L.LBRACKET);
    const properties = [this.propertyCondition()];
    while (this.peek() === L.COMMA) {
      this.consume();
      properties.push(this.propertyCondition());
    }
    const last = this.expect(L.RBRACKET);
    const start = identifier && !negated ? identifier.range.start : this.startOf(first);
    return { kind: "Condition", range: this.span(start, this.endOf(last)), negated, identifier, properties };
  }

  private propertyCondition(): ast.PropertyCondition {
    const property = this.expect(L.IDENTIFIER);
    const operatorToken = this.visible[this.next];
    const operator = OPERATOR_OF_TOKEN[this.consume()];
    if (operator === undefined) throw DECLINE;
    const value = this.expression();
    const name = this.name(property);
    return {
      kind: "PropertyCondition",
      range: this.span(name.range.start, value.range.end),
      property: name,
      operator,
      operatorRange: this.range(operatorToken, operatorToken),
      value,
    };
  }

  private action(): ast.Action {
    const keyword = this.visible[this.next];
    const name = ACTION_OF_TOKEN[this.consume()];
    if (name === undefined) throw DECLINE;
    this.expect(L.LPAREN);
    const args: ast.ClaimArgument[] = [];
    if (name !== "permit" && name !== "deny") {
      args.push(this.claimArgument());
      while (this.peek() === L.COMMA) {
        this.consume();
        args.push(this.claimArgument());
      }
    }
    const last = this.expect(L.RPAREN);
    const nameRange = this.range(keyword, keyword);
    return {
      kind: "Action",
      range: this.span(nameRange.start, this.endOf(last)),
      name,
      nameRange,
      arguments: args,
    };
  }

  private claimArgument(): ast.ClaimArgument {
    const name = this.expect(L.IDENTIFIER);
    this.expect(L.ASSIGN);
    const value = this.expression();
    const argument = this.name(name);
    return {
      kind: "ClaimArgument",
      range: this.span(argument.range.start, value.range.end),
      name: argument,
      value,
    };
  }

  private expression(): ast.Expression {
    const first = this.visible[this.next];
    const type = this.consume();
    const raw = this.text(first);
    switch (type) {
      case L.STRING:
        return { kind: "String", range: this.range(first, first), value: unquote(raw), raw };
      case L.INTEGER:
        return { kind: "Integer", range: this.range(first, first), value: Number(raw), raw };
      case L.TRUE:
      case L.FALSE:
        return { kind: "Boolean", range: this.range(first, first), value: type === L.TRUE };
      case L.IDENTIFIER:
        break;
      default:
        throw DECLINE;
    }
    if (this.peek() === L.DOT) {
      this.consume();
      const identifier = this.name(first);
      const property = this.name(this.expect(L.IDENTIFIER));
      return {
        kind: "PropertyReference",
        range: this.span(identifier.range.start, property.range.end),
        identifier,
        property,
      };
    }
    if (this.peek() === L.LPAREN) {
      this.consume();
      // The name is made before the arguments, as the generated parser's path does: field order
      // and positions must match.
      const name = this.name(first);
      const args: ast.Expression[] = [];
      if (this.peek() !== L.RPAREN) {
        args.push(this.expression());
        while (this.peek() === L.COMMA) {
          this.consume();
          args.push(this.expression());
        }
      }
      const last = this.expect(L.RPAREN);
      return {
        kind: "FunctionCall",
        range: this.span(name.range.start, this.endOf(last)),
        name,
        arguments: args,
      };
    }
    return { kind: "IdentifierReference", range: this.range(first, first), name: raw };
  }

  private peek(): number {
    return this.scan.types[this.visible[this.next]];
  }

  /** Takes the next token and returns its type; EOF is never passed. */
  private consume(): number {
    const type = this.peek();
    if (type === SCAN_EOF) throw DECLINE;
    this.next++;
    return type;
  }

  /** Takes the next token if it has this type, and returns its scan index; else declines. */
  private expect(type: number): number {
    if (this.peek() !== type) throw DECLINE;
    return this.visible[this.next++];
  }

  /** The scan index of the token taken last. */
  private last(): number {
    return this.visible[this.next - 1];
  }

  private text(token: number): string {
    return this.scan.text.slice(this.scan.starts[token], this.scan.ends[token]);
  }

  private range(first: number, last: number): Range {
    return { start: this.startOf(first), end: this.endOf(last) };
  }

  /**
   * A node's range from positions its children already made: a node shares its ends with its
   * first and last parts, so each position is made once (on large policies positions were most of
   * the AST's memory).
   */
  private span(start: Position, end: Position): Range {
    return { start, end };
  }

  private startOf(token: number): Position {
    return this.positionAt(this.scan.starts[token]);
  }

  private endOf(token: number): Position {
    return this.positionAt(this.scan.ends[token]);
  }

  private lastPosition: Position | undefined;

  /**
   * Positions are made in text order, and where two tokens touch (`type=="x"`: the name ends where
   * the operator starts) the second asks for the position just made: it is shared.
   */
  private positionAt(offset: number): Position {
    if (this.lastPosition?.offset !== offset) this.lastPosition = this.source.lines.positionAt(offset);
    return this.lastPosition;
  }

  private name(token: number): ast.Name {
    const text = this.text(token);
    return { text: COMMON_NAMES.get(text) ?? text, range: this.range(token, token) };
  }

  private comment(token: number): ast.Comment {
    const kind = this.scan.types[token] === L.LINE_COMMENT ? "LineComment" : "BlockComment";
    return { kind, range: this.range(token, token), text: this.text(token) };
  }
}
