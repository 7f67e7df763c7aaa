import type { ParserRuleContext, Token } from "antlr4ng";
import {
  MaaPolicyParser as P,
  type ActionContext,
  type AuthorizationRulesContext,
  type ClaimArgumentContext,
  type ConditionContext,
  type ConfigurationRulesContext,
  type ExpressionContext,
  type IssuanceRulesContext,
  type PolicyContext,
  type PropertyConditionContext,
  type RuleContext,
} from "./generated/MaaPolicyParser.js";
import type * as ast from "./ast.js";
import { AstWriter } from "./ast-records.js";
import { PolicyView } from "./ast-views.js";
import { MAX_NESTING, NestingTooDeep } from "./nesting-limit.js";
import type { SourceMap } from "./source-map.js";
import { NONE, NodeKind as K } from "./syntax-tree.js";

type SectionContext = ConfigurationRulesContext | AuthorizationRulesContext | IssuanceRulesContext;

/**
 * Turns what the parser recognised into the typed AST: the only place that touches ANTLR
 * contexts. The parser builds no parse tree (it would cost a node per token); every part the AST
 * needs is a label in the grammar, which the generated parser fills in as it goes. After a syntax
 * error some labels are missing or hold tokens that error recovery conjured up; a node whose
 * required parts are missing is left out rather than built half-way, so everything downstream
 * can trust the types. Nodes are written as records (syntax-tree.ts), as the fast parser writes
 * them; every method returns the id of the record it wrote, or undefined.
 */
export class AstBuilder {
  private readonly out: AstWriter;
  /** How many function calls the expression being built is inside. */
  private depth = 0;

  /** @param failed rule contexts in which the parser reported an error and recovered */
  constructor(
    private readonly source: SourceMap,
    private readonly failed: WeakSet<ParserRuleContext>,
  ) {
    this.out = new AstWriter(source.text.length);
  }

  /** @param comments the hidden-channel tokens, in text order */
  policy(ctx: PolicyContext, comments: readonly Token[]): ast.Policy {
    const sections = [...ctx._configuration, ...ctx._authorization, ...ctx._issuance]
      .map((section) => [section.start?.start ?? 0, this.section(section)] as const)
      .sort(([a], [b]) => a - b);
    const mark = this.out.mark();
    for (const [, id] of sections) if (id !== undefined) this.out.push(id);
    const versionCtx = ctx._header;
    const number = versionCtx?._number_;
    const version =
      versionCtx && isReal(number)
        ? this.out.versionInfo(...this.rangeOf(versionCtx), ...this.span(number))
        : NONE;
    const commentIds = comments.map((token) =>
      this.out.leaf(token.type === P.LINE_COMMENT ? K.LineComment : K.BlockComment, ...this.span(token)),
    );
    const root = this.out.policy(this.source.text.length, version, mark, commentIds);
    return new PolicyView(this.out.finish(this.source, root), root);
  }

  private section(ctx: SectionContext): number | undefined {
    const keyword = ctx._keyword;
    if (!isReal(keyword) || !isReal(ctx._open)) return undefined;
    const rules = this.out.mark();
    for (const rule of ctx._rules) {
      const id = this.rule(rule);
      if (id !== undefined) this.out.push(id);
    }
    return this.out.section(...this.rangeOf(ctx), keyword.type, ...this.span(keyword), rules);
  }

  private rule(ctx: RuleContext): number | undefined {
    if (this.failed.has(ctx) || !ctx._effect) return undefined;
    const action = this.action(ctx._effect);
    const conditions = this.out.mark();
    if (action === undefined || !this.all(ctx._conditions, (c) => this.condition(c))) return undefined;
    return this.out.rule(...this.rangeOf(ctx), action, conditions);
  }

  private condition(ctx: ConditionContext): number | undefined {
    const properties = this.out.mark();
    const built = this.all(ctx._properties, (p) => this.propertyCondition(p));
    const identifier = ctx._identifier;
    if (
      this.failed.has(ctx) ||
      !built ||
      ctx._properties.length === 0 ||
      (identifier && !isReal(identifier))
    ) {
      this.out.discard(properties);
      return undefined;
    }
    const [identifierStart, identifierEnd] = identifier ? this.span(identifier) : [NONE, NONE];
    return this.out.condition(
      ...this.rangeOf(ctx),
      isReal(ctx._negated),
      identifierStart,
      identifierEnd,
      properties,
    );
  }

  private propertyCondition(ctx: PropertyConditionContext): number | undefined {
    const { _property: property, _operator: operator } = ctx;
    const value = ctx._value && this.expression(ctx._value);
    if (this.failed.has(ctx) || !isReal(property) || !isReal(operator) || value === undefined)
      return undefined;
    return this.out.propertyCondition(
      ...this.rangeOf(ctx),
      ...this.span(property),
      operator.type,
      ...this.span(operator),
      value,
    );
  }

  private action(ctx: ActionContext): number | undefined {
    const name = ctx._name;
    const args = this.out.mark();
    const built = this.all(ctx._arguments, (a) => this.claimArgument(a));
    if (this.failed.has(ctx) || !isReal(name) || !built) {
      this.out.discard(args);
      return undefined;
    }
    return this.out.action(...this.rangeOf(ctx), name.type, ...this.span(name), args);
  }

  private claimArgument(ctx: ClaimArgumentContext): number | undefined {
    const value = ctx._value && this.expression(ctx._value);
    if (this.failed.has(ctx) || !isReal(ctx._name) || value === undefined) return undefined;
    return this.out.claimArgument(...this.rangeOf(ctx), ...this.span(ctx._name), value);
  }

  private expression(ctx: ExpressionContext): number | undefined {
    if (this.failed.has(ctx)) return undefined;
    const range = this.rangeOf(ctx);
    const { _literal: literal, _reference: reference, _function_: fn, _identifier: identifier } = ctx;
    if (literal) {
      if (!isReal(literal)) return undefined;
      const kind = literal.type === P.STRING ? K.String : literal.type === P.INTEGER ? K.Integer : K.Boolean;
      return this.out.leaf(kind, ...range);
    }
    if (reference) {
      if (!isReal(reference) || !isReal(ctx._property)) return undefined;
      return this.out.propertyReference(...range, ...this.span(reference), ...this.span(ctx._property));
    }
    if (fn) {
      if (isReal(fn) && ++this.depth > MAX_NESTING) throw new NestingTooDeep(...this.span(fn));
      const args = this.out.mark();
      const built = this.all(ctx._arguments, (a) => this.expression(a));
      if (isReal(fn)) this.depth--;
      if (!isReal(fn) || !built || !isReal(ctx._close)) {
        this.out.discard(args);
        return undefined;
      }
      return this.out.functionCall(...range, ...this.span(fn), args);
    }
    if (!isReal(identifier)) return undefined;
    return this.out.leaf(K.IdentifierReference, ...range);
  }

  /**
   * Builds every child and pushes it for its parent's list; false (and nothing left pushed) if
   * any could not be built.
   */
  private all<C>(children: readonly C[], build: (child: C) => number | undefined): boolean {
    const mark = this.out.mark();
    for (const child of children) {
      const id = build(child);
      if (id === undefined) {
        this.out.discard(mark);
        return false;
      }
      this.out.push(id);
    }
    return true;
  }

  /** A token's start and end offsets. */
  private span(token: Token): [number, number] {
    return [this.source.offset(token.start), this.source.offset(token.stop + 1)];
  }

  /** A context's start and end offsets. */
  private rangeOf(ctx: ParserRuleContext): [number, number] {
    const start = ctx.start;
    const stop = ctx.stop && ctx.stop.tokenIndex >= (start?.tokenIndex ?? 0) ? ctx.stop : start;
    if (!start || !stop) return [0, 0];
    return [this.source.offset(start.start), this.source.offset(Math.max(start.start, stop.stop + 1))];
  }
}

/** Tokens that ANTLR's error recovery conjured up have no place in the text. */
function isReal(token: Token | null | undefined): token is Token {
  return !!token && token.tokenIndex >= 0 && token.start >= 0;
}
