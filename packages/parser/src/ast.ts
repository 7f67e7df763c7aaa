/**
 * The typed syntax tree. Only `ast-builder.ts` looks at ANTLR contexts; everything after the parser
 * (checker, evaluator, formatter, language server) works on these nodes. Every node carries its
 * source range (see `position.ts` for the convention). A node that a syntax error left incomplete
 * is dropped, so consumers never see half-built nodes.
 *
 * The parser hands out these interfaces as views over a compact tree of records (`ast-views.ts`):
 * read them as data, compare nodes by range rather than identity, and walk them generically with
 * `plainAst` or `childNodes`. Tests and callers may build plain objects of these types.
 */
import type { SectionName } from "./language.js";
import type { Range } from "./position.js";

/** The section table (language.ts) names the sections. */
export type { SectionName };
export type ComparisonOperator = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ActionName = "permit" | "deny" | "add" | "issue" | "issueproperty";

/** A name as written, with its range: claim properties, argument names, function names. */
export interface Name {
  readonly text: string;
  readonly range: Range;
}

export interface Policy {
  readonly kind: "Policy";
  readonly range: Range;
  readonly version: VersionInfo | undefined;
  readonly sections: readonly Section[];
  /** Every `//` and `/* *\/` comment in text order, kept for the formatter. */
  readonly comments: readonly Comment[];
}

export interface VersionInfo {
  readonly kind: "VersionInfo";
  readonly range: Range;
  /** The version number as written, e.g. `1.2`. */
  readonly text: string;
  readonly numberRange: Range;
}

export interface Section {
  readonly kind: "Section";
  readonly range: Range;
  readonly name: SectionName;
  readonly keywordRange: Range;
  readonly rules: readonly Rule[];
}

export interface Rule {
  readonly kind: "Rule";
  readonly range: Range;
  /** Joined by `&&`; empty for an unconditional rule (`=> permit();`). */
  readonly conditions: readonly Condition[];
  readonly action: Action;
}

export interface Condition {
  readonly kind: "Condition";
  readonly range: Range;
  /** `![...]`: no claim matches (1.2+). */
  readonly negated: boolean;
  /** `c:[...]` binds the matching claims to `c` for the rest of the rule. */
  readonly identifier: Name | undefined;
  readonly properties: readonly PropertyCondition[];
}

export interface PropertyCondition {
  readonly kind: "PropertyCondition";
  readonly range: Range;
  readonly property: Name;
  readonly operator: ComparisonOperator;
  readonly operatorRange: Range;
  readonly value: Expression;
}

export interface Action {
  readonly kind: "Action";
  readonly range: Range;
  readonly name: ActionName;
  readonly nameRange: Range;
  readonly arguments: readonly ClaimArgument[];
}

/** `type="x"`, `value=c.value`, `claim=c`. */
export interface ClaimArgument {
  readonly kind: "ClaimArgument";
  readonly range: Range;
  readonly name: Name;
  readonly value: Expression;
}

export type Expression =
  StringLiteral | IntegerLiteral | BooleanLiteral | PropertyReference | FunctionCall | IdentifierReference;

export interface StringLiteral {
  readonly kind: "String";
  readonly range: Range;
  /** The value after escapes are resolved. */
  readonly value: string;
  /** The source text including the quotes. */
  readonly raw: string;
}

export interface IntegerLiteral {
  readonly kind: "Integer";
  readonly range: Range;
  readonly value: number;
  readonly raw: string;
}

export interface BooleanLiteral {
  readonly kind: "Boolean";
  readonly range: Range;
  readonly value: boolean;
}

/** `c.value`: a property of the claims bound to an identifier. */
export interface PropertyReference {
  readonly kind: "PropertyReference";
  readonly range: Range;
  readonly identifier: Name;
  readonly property: Name;
}

export interface FunctionCall {
  readonly kind: "FunctionCall";
  readonly range: Range;
  readonly name: Name;
  readonly arguments: readonly Expression[];
}

/** A bare identifier, as in `issue(claim=c)`. */
export interface IdentifierReference {
  readonly kind: "IdentifierReference";
  readonly range: Range;
  readonly name: string;
}

export interface Comment {
  readonly kind: "LineComment" | "BlockComment";
  readonly range: Range;
  readonly text: string;
}

export type Literal = StringLiteral | IntegerLiteral | BooleanLiteral;

export function isLiteral(expression: Expression): expression is Literal {
  return expression.kind === "String" || expression.kind === "Integer" || expression.kind === "Boolean";
}
