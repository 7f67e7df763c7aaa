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
import type { Range } from "./position.js";
import type { SourceMap } from "./source-map.js";
import { unquote } from "./string-literal.js";
import { ACTION_OF_TOKEN, SECTION_OF_TOKEN } from "./token-names.js";

type SectionContext = ConfigurationRulesContext | AuthorizationRulesContext | IssuanceRulesContext;

/**
 * Turns what the parser recognised into the typed AST: the only place that touches ANTLR
 * contexts. The parser builds no parse tree (it would cost a node per token); every part the AST
 * needs is a label in the grammar, which the generated parser fills in as it goes. After a syntax
 * error some labels are missing or hold tokens that error recovery conjured up; a node whose
 * required parts are missing is left out rather than built half-way, so everything downstream
 * can trust the types.
 */
export class AstBuilder {
  /** @param failed rule contexts in which the parser reported an error and recovered */
  constructor(
    private readonly source: SourceMap,
    private readonly failed: WeakSet<ParserRuleContext>,
  ) {}

  policy(ctx: PolicyContext, comments: readonly ast.Comment[]): ast.Policy {
    const sections = [...ctx._configuration, ...ctx._authorization, ...ctx._issuance]
      .map((section) => this.section(section))
      .filter((section): section is ast.Section => section !== undefined)
      .sort((a, b) => a.range.start.offset - b.range.start.offset);
    const versionCtx = ctx._header;
    const number = versionCtx?._number_;
    const version: ast.VersionInfo | undefined =
      versionCtx && isReal(number)
        ? {
            kind: "VersionInfo",
            range: this.rangeOf(versionCtx),
            text: number.text ?? "",
            numberRange: this.tokenRange(number),
          }
        : undefined;
    return {
      kind: "Policy",
      range: this.source.lines.range(0, this.source.text.length),
      version,
      sections,
      comments,
    };
  }

  private section(ctx: SectionContext): ast.Section | undefined {
    const keyword = ctx._keyword;
    if (!isReal(keyword) || !isReal(ctx._open)) return undefined;
    const rules = all(
      ctx._rules.map((rule) => this.rule(rule)),
      true,
    );
    return {
      kind: "Section",
      range: this.rangeOf(ctx),
      name: SECTION_OF_TOKEN[keyword.type],
      keywordRange: this.tokenRange(keyword),
      rules,
    };
  }

  private rule(ctx: RuleContext): ast.Rule | undefined {
    if (this.failed.has(ctx) || !ctx._effect) return undefined;
    const action = this.action(ctx._effect);
    const conditions = all(ctx._conditions.map((c) => this.condition(c)));
    if (!action || !conditions) return undefined;
    return { kind: "Rule", range: this.rangeOf(ctx), conditions, action };
  }

  private condition(ctx: ConditionContext): ast.Condition | undefined {
    const properties = all(ctx._properties.map((p) => this.propertyCondition(p)));
    const identifier = ctx._identifier;
    if (this.failed.has(ctx) || !properties || properties.length === 0 || (identifier && !isReal(identifier)))
      return undefined;
    return {
      kind: "Condition",
      range: this.rangeOf(ctx),
      negated: isReal(ctx._negated),
      identifier: identifier ? this.name(identifier) : undefined,
      properties,
    };
  }

  private propertyCondition(ctx: PropertyConditionContext): ast.PropertyCondition | undefined {
    const { _property: property, _operator: operator } = ctx;
    const value = ctx._value && this.expression(ctx._value);
    if (this.failed.has(ctx) || !isReal(property) || !isReal(operator) || !value) return undefined;
    return {
      kind: "PropertyCondition",
      range: this.rangeOf(ctx),
      property: this.name(property),
      operator: operator.text as ast.ComparisonOperator,
      operatorRange: this.tokenRange(operator),
      value,
    };
  }

  private action(ctx: ActionContext): ast.Action | undefined {
    const name = ctx._name;
    const args = all(ctx._arguments.map((a) => this.claimArgument(a)));
    if (this.failed.has(ctx) || !isReal(name) || !args) return undefined;
    return {
      kind: "Action",
      range: this.rangeOf(ctx),
      name: ACTION_OF_TOKEN[name.type],
      nameRange: this.tokenRange(name),
      arguments: args,
    };
  }

  private claimArgument(ctx: ClaimArgumentContext): ast.ClaimArgument | undefined {
    const value = ctx._value && this.expression(ctx._value);
    if (this.failed.has(ctx) || !isReal(ctx._name) || !value) return undefined;
    return { kind: "ClaimArgument", range: this.rangeOf(ctx), name: this.name(ctx._name), value };
  }

  private expression(ctx: ExpressionContext): ast.Expression | undefined {
    if (this.failed.has(ctx)) return undefined;
    const range = this.rangeOf(ctx);
    const { _literal: literal, _reference: reference, _function_: fn, _identifier: identifier } = ctx;
    if (literal) {
      if (!isReal(literal)) return undefined;
      const raw = literal.text ?? "";
      if (literal.type === P.STRING) return { kind: "String", range, value: unquote(raw), raw };
      if (literal.type === P.INTEGER) return { kind: "Integer", range, value: Number(raw), raw };
      return { kind: "Boolean", range, value: literal.type === P.TRUE };
    }
    if (reference) {
      if (!isReal(reference) || !isReal(ctx._property)) return undefined;
      return {
        kind: "PropertyReference",
        range,
        identifier: this.name(reference),
        property: this.name(ctx._property),
      };
    }
    if (fn) {
      const args = all(ctx._arguments.map((a) => this.expression(a)));
      if (!isReal(fn) || !args || !isReal(ctx._close)) return undefined;
      return { kind: "FunctionCall", range, name: this.name(fn), arguments: args };
    }
    if (!isReal(identifier)) return undefined;
    return { kind: "IdentifierReference", range, name: identifier.text ?? "" };
  }

  private name(token: Token): ast.Name {
    return { text: token.text ?? "", range: this.tokenRange(token) };
  }

  tokenRange(token: Token): Range {
    return this.source.range(token.start, token.stop + 1);
  }

  private rangeOf(ctx: ParserRuleContext): Range {
    const start = ctx.start;
    const stop = ctx.stop && ctx.stop.tokenIndex >= (start?.tokenIndex ?? 0) ? ctx.stop : start;
    if (!start || !stop) return this.source.range(0, 0);
    return this.source.range(start.start, Math.max(start.start, stop.stop + 1));
  }
}

/**
 * The nodes if every one was built; undefined if any was left out. With `dropMissing`, the nodes
 * that were built (a section keeps its good rules around a broken one).
 */
function all<T>(nodes: (T | undefined)[], dropMissing: true): T[];
function all<T>(nodes: (T | undefined)[]): T[] | undefined;
function all<T>(nodes: (T | undefined)[], dropMissing = false): T[] | undefined {
  const built = nodes.filter((node): node is T => node !== undefined);
  return dropMissing || built.length === nodes.length ? built : undefined;
}

/** Tokens that ANTLR's error recovery conjured up have no place in the text. */
function isReal(token: Token | null | undefined): token is Token {
  return !!token && token.tokenIndex >= 0 && token.start >= 0;
}
