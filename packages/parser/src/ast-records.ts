import { HEADER, NONE, NodeKind as K, TreeWriter } from "./syntax-tree.js";

/**
 * The record of each AST node (see syntax-tree.ts): the slot of each field after the header, which
 * the views read (ast-views.ts), and the writer that lays the fields out in that order, which both
 * readers of the text use. A span is two slots, start and end offset; a token type names the
 * keyword or operator (token-names.ts); a list is a count and the children's ids.
 */
export const POLICY = { version: HEADER, sections: HEADER + 1 /* then the comments list */ } as const;
export const VERSION_INFO = { number: HEADER } as const;
export const SECTION = { keywordToken: HEADER, keyword: HEADER + 1, rules: HEADER + 3 } as const;
export const RULE = { action: HEADER, conditions: HEADER + 1 } as const;
export const CONDITION = { negated: HEADER, identifier: HEADER + 1, properties: HEADER + 3 } as const;
export const PROPERTY_CONDITION = {
  property: HEADER,
  operatorToken: HEADER + 2,
  operator: HEADER + 3,
  value: HEADER + 5,
} as const;
export const ACTION = { nameToken: HEADER, name: HEADER + 1, arguments: HEADER + 3 } as const;
export const CLAIM_ARGUMENT = { name: HEADER, value: HEADER + 2 } as const;
export const PROPERTY_REFERENCE = { identifier: HEADER, property: HEADER + 2 } as const;
export const FUNCTION_CALL = { name: HEADER, arguments: HEADER + 2 } as const;

/** Records without fields: literals, bare identifiers and comments are their own text. */
export type LeafKind =
  | typeof K.String
  | typeof K.Integer
  | typeof K.Boolean
  | typeof K.IdentifierReference
  | typeof K.LineComment
  | typeof K.BlockComment;

/**
 * Each method writes one node from its parts and returns its id. `start, end` are the node's
 * offsets; a list argument is the `mark()` taken before its children were pushed. Each says the
 * size of its record up front, so that the record does not straddle two chunks.
 */
export class AstWriter extends TreeWriter {
  policy(end: number, version: number, sections: number, comments: readonly number[]): number {
    const id = this.begin(K.Policy, 0, end, HEADER + 1 + this.listSize(sections) + 1 + comments.length);
    this.int(version);
    this.list(sections);
    const mark = this.mark();
    for (const comment of comments) this.push(comment);
    this.list(mark);
    return id;
  }

  versionInfo(start: number, end: number, numberStart: number, numberEnd: number): number {
    const id = this.begin(K.VersionInfo, start, end, HEADER + 2);
    this.span(numberStart, numberEnd);
    return id;
  }

  section(
    start: number,
    end: number,
    keywordToken: number,
    keywordStart: number,
    keywordEnd: number,
    rules: number,
  ): number {
    const id = this.begin(K.Section, start, end, HEADER + 3 + this.listSize(rules));
    this.int(keywordToken);
    this.span(keywordStart, keywordEnd);
    this.list(rules);
    return id;
  }

  rule(start: number, end: number, action: number, conditions: number): number {
    const id = this.begin(K.Rule, start, end, HEADER + 1 + this.listSize(conditions));
    this.int(action);
    this.list(conditions);
    return id;
  }

  /** `identifierStart` is NONE for a condition without an identifier. */
  condition(
    start: number,
    end: number,
    negated: boolean,
    identifierStart: number,
    identifierEnd: number,
    properties: number,
  ): number {
    const id = this.begin(K.Condition, start, end, HEADER + 3 + this.listSize(properties));
    this.int(negated ? 1 : 0);
    this.span(identifierStart, identifierStart === NONE ? NONE : identifierEnd);
    this.list(properties);
    return id;
  }

  propertyCondition(
    start: number,
    end: number,
    propertyStart: number,
    propertyEnd: number,
    operatorToken: number,
    operatorStart: number,
    operatorEnd: number,
    value: number,
  ): number {
    const id = this.begin(K.PropertyCondition, start, end, HEADER + 6);
    this.span(propertyStart, propertyEnd);
    this.int(operatorToken);
    this.span(operatorStart, operatorEnd);
    this.int(value);
    return id;
  }

  action(
    start: number,
    end: number,
    nameToken: number,
    nameStart: number,
    nameEnd: number,
    args: number,
  ): number {
    const id = this.begin(K.Action, start, end, HEADER + 3 + this.listSize(args));
    this.int(nameToken);
    this.span(nameStart, nameEnd);
    this.list(args);
    return id;
  }

  claimArgument(start: number, end: number, nameStart: number, nameEnd: number, value: number): number {
    const id = this.begin(K.ClaimArgument, start, end, HEADER + 3);
    this.span(nameStart, nameEnd);
    this.int(value);
    return id;
  }

  leaf(kind: LeafKind, start: number, end: number): number {
    return this.begin(kind, start, end, HEADER);
  }

  propertyReference(
    start: number,
    end: number,
    identifierStart: number,
    identifierEnd: number,
    propertyStart: number,
    propertyEnd: number,
  ): number {
    const id = this.begin(K.PropertyReference, start, end, HEADER + 4);
    this.span(identifierStart, identifierEnd);
    this.span(propertyStart, propertyEnd);
    return id;
  }

  functionCall(start: number, end: number, nameStart: number, nameEnd: number, args: number): number {
    const id = this.begin(K.FunctionCall, start, end, HEADER + 2 + this.listSize(args));
    this.span(nameStart, nameEnd);
    this.list(args);
    return id;
  }

  private span(start: number, end: number): void {
    this.int(start);
    this.int(end);
  }
}
