import type { ParserRuleContext, TerminalNode, Token } from "antlr4ng";
import {
  ActionContext,
  ClaimArgumentContext,
  ConditionContext,
  ExpressionContext,
  MaaPolicyParser as P,
  type PolicyContext,
  PropertyConditionContext,
  RuleContext,
  type AuthorizationRulesContext,
  type ConfigurationRulesContext,
  type IssuanceRulesContext,
  type VersionInfoContext,
} from "./generated/MaaPolicyParser.js";
import type * as ast from "./ast.js";
import type { Range } from "./position.js";
import type { SourceMap } from "./source-map.js";
import { unquote } from "./string-literal.js";

type SectionContext = ConfigurationRulesContext | AuthorizationRulesContext | IssuanceRulesContext;

const SECTION_NAMES: Record<number, ast.SectionName> = {
  [P.CONFIGURATIONRULES]: "configurationrules",
  [P.AUTHORIZATIONRULES]: "authorizationrules",
  [P.ISSUANCERULES]: "issuancerules",
};

const ACTION_NAMES: Record<number, ast.ActionName> = {
  [P.PERMIT]: "permit",
  [P.DENY]: "deny",
  [P.ADD]: "add",
  [P.ISSUE]: "issue",
  [P.ISSUEPROPERTY]: "issueproperty",
};

/**
 * Turns the parse tree into the typed AST: the only place that touches ANTLR contexts. After a
 * syntax error the tree has holes; a node whose required parts are missing is left out rather than
 * built half-way, so everything downstream can trust the types.
 */
export class AstBuilder {
  /** @param failed rule contexts in which the parser reported an error and recovered */
  constructor(
    private readonly source: SourceMap,
    private readonly failed: ReadonlySet<ParserRuleContext> | WeakSet<ParserRuleContext>,
  ) {}

  policy(ctx: PolicyContext, comments: readonly ast.Comment[]): ast.Policy {
    const sections: ast.Section[] = [];
    for (const child of [...ctx.configurationRules(), ...ctx.authorizationRules(), ...ctx.issuanceRules()]) {
      const section = this.section(child);
      if (section) sections.push(section);
    }
    sections.sort((a, b) => a.range.start.offset - b.range.start.offset);
    const versionCtx = ctx.versionInfo() as VersionInfoContext | null;
    const number = versionCtx?.VERSION_NUMBER();
    const version: ast.VersionInfo | undefined =
      versionCtx && number && isReal(number.symbol)
        ? {
            kind: "VersionInfo",
            range: this.rangeOf(versionCtx),
            text: number.getText(),
            numberRange: this.tokenRange(number.symbol),
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
    const keyword = ctx.start;
    const name = keyword ? SECTION_NAMES[keyword.type] : undefined;
    if (!keyword || !name || ctx.LBRACE() === null) return undefined;
    const rules = ctx
      .rule()
      .map((rule) => this.rule(rule))
      .filter((rule): rule is ast.Rule => rule !== undefined);
    return { kind: "Section", range: this.rangeOf(ctx), name, keywordRange: this.tokenRange(keyword), rules };
  }

  private rule(ctx: RuleContext): ast.Rule | undefined {
    const actionCtx = ctx.action();
    if (this.failed.has(ctx) || !actionCtx) return undefined;
    const action = this.action(actionCtx);
    const conditions = ctx.condition().map((c) => this.condition(c));
    if (!action || conditions.some((c) => c === undefined)) return undefined;
    return { kind: "Rule", range: this.rangeOf(ctx), conditions: conditions as ast.Condition[], action };
  }

  private condition(ctx: ConditionContext): ast.Condition | undefined {
    if (this.failed.has(ctx)) return undefined;
    const properties = ctx.propertyCondition().map((p) => this.propertyCondition(p));
    if (properties.length === 0 || properties.some((p) => p === undefined)) return undefined;
    const identifier = ctx.IDENTIFIER();
    if (identifier && !isReal(identifier.symbol)) return undefined;
    return {
      kind: "Condition",
      range: this.rangeOf(ctx),
      negated: ctx.NOT() !== null,
      identifier: identifier ? this.name(identifier) : undefined,
      properties: properties as ast.PropertyCondition[],
    };
  }

  private propertyCondition(ctx: PropertyConditionContext): ast.PropertyCondition | undefined {
    const property = ctx.IDENTIFIER();
    const operator = ctx._operator;
    const valueCtx = ctx.expression();
    const value = valueCtx ? this.expression(valueCtx) : undefined;
    if (this.failed.has(ctx) || !property || !isReal(property.symbol) || !isReal(operator) || !value) {
      return undefined;
    }
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
    const keyword = ctx.start;
    const name = keyword ? ACTION_NAMES[keyword.type] : undefined;
    if (this.failed.has(ctx) || !keyword || !name) return undefined;
    const args = ctx.claimArgument().map((a) => this.claimArgument(a));
    if (args.some((a) => a === undefined)) return undefined;
    return {
      kind: "Action",
      range: this.rangeOf(ctx),
      name,
      nameRange: this.tokenRange(keyword),
      arguments: args as ast.ClaimArgument[],
    };
  }

  private claimArgument(ctx: ClaimArgumentContext): ast.ClaimArgument | undefined {
    const name = ctx.IDENTIFIER();
    const valueCtx = ctx.expression();
    const value = valueCtx ? this.expression(valueCtx) : undefined;
    if (this.failed.has(ctx) || !name || !isReal(name.symbol) || !value) return undefined;
    return { kind: "ClaimArgument", range: this.rangeOf(ctx), name: this.name(name), value };
  }

  private expression(ctx: ExpressionContext): ast.Expression | undefined {
    if (this.failed.has(ctx)) return undefined;
    const range = this.rangeOf(ctx);
    const token = ctx._literal;
    if (token) {
      if (!isReal(token)) return undefined;
      const raw = token.text ?? "";
      switch (token.type) {
        case P.STRING:
          return { kind: "String", range, value: unquote(raw), raw };
        case P.INTEGER:
          return { kind: "Integer", range, value: Number(raw), raw };
        case P.TRUE:
        case P.FALSE:
          return { kind: "Boolean", range, value: token.type === P.TRUE };
        default:
          return undefined;
      }
    }
    const identifiers = ctx.IDENTIFIER();
    const first = identifiers[0];
    if (!first || !isReal(first.symbol)) return undefined;
    if (ctx.DOT()) {
      const property = identifiers[1];
      if (!property || !isReal(property.symbol)) return undefined;
      return {
        kind: "PropertyReference",
        range,
        identifier: this.name(first),
        property: this.name(property),
      };
    }
    if (ctx.LPAREN()) {
      const args = ctx.expression().map((e) => this.expression(e));
      if (args.some((a) => a === undefined) || !ctx.RPAREN()) return undefined;
      return { kind: "FunctionCall", range, name: this.name(first), arguments: args as ast.Expression[] };
    }
    return { kind: "IdentifierReference", range, name: first.getText() };
  }

  private name(node: TerminalNode): ast.Name {
    return { text: node.getText(), range: this.tokenRange(node.symbol) };
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

/** Tokens that ANTLR's error recovery conjured up have no place in the text. */
function isReal(token: Token | null | undefined): token is Token {
  return !!token && token.tokenIndex >= 0 && token.start >= 0;
}
