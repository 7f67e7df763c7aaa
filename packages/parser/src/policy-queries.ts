/**
 * What is under the caret in the typed AST, and where each condition identifier is bound and used:
 * the language's queries, shared by the language server, the playground and any tool. Identifiers
 * are scoped to one rule (docs/decisions.md), so every query stays inside a rule.
 */
import type {
  Action,
  Condition,
  Expression,
  FunctionCall,
  Name,
  Policy,
  Rule,
  Section,
  StringLiteral,
} from "./ast.js";
import { visitScope } from "./identifier-scope.js";
import { containsOffset, type Range } from "./position.js";

export type NodeAt =
  | { kind: "version"; range: Range }
  | { kind: "section"; section: Section; range: Range }
  | { kind: "action"; action: Action; range: Range }
  /** A claim property in a condition or after `c.`, or an action argument name. */
  | { kind: "property"; name: Name; range: Range; argument: boolean }
  | { kind: "function"; call: FunctionCall; range: Range }
  /** An identifier, where it is bound (`c:[`) or used (`c.value`, `claim=c`). */
  | { kind: "identifier"; name: string; range: Range; rule: Rule }
  /** A string literal; `property` is the claim property or argument it goes with. */
  | { kind: "string"; literal: StringLiteral; property: string | undefined; range: Range };

export function nodeAt(policy: Policy, offset: number): NodeAt | undefined {
  if (policy.version && containsOffset(policy.version.range, offset))
    return { kind: "version", range: policy.version.range };
  for (const section of policy.sections) {
    if (containsOffset(section.keywordRange, offset))
      return { kind: "section", section, range: section.keywordRange };
    for (const rule of section.rules) if (containsOffset(rule.range, offset)) return inRule(rule, offset);
  }
  return undefined;
}

function inRule(rule: Rule, offset: number): NodeAt | undefined {
  const at = (range: Range) => containsOffset(range, offset);
  for (const condition of rule.conditions) {
    if (condition.identifier && at(condition.identifier.range))
      return identifier(condition.identifier.text, condition.identifier.range, rule);
    for (const property of condition.properties) {
      if (at(property.property.range))
        return { kind: "property", name: property.property, range: property.property.range, argument: false };
      if (at(property.value.range)) return inExpression(property.value, offset, rule, property.property.text);
    }
  }
  const action = rule.action;
  if (at(action.nameRange)) return { kind: "action", action, range: action.nameRange };
  for (const argument of action.arguments) {
    if (at(argument.name.range))
      return { kind: "property", name: argument.name, range: argument.name.range, argument: true };
    if (at(argument.value.range)) return inExpression(argument.value, offset, rule, argument.name.text);
  }
  return undefined;
}

function inExpression(
  expression: Expression,
  offset: number,
  rule: Rule,
  property: string | undefined,
): NodeAt | undefined {
  switch (expression.kind) {
    case "String":
      return { kind: "string", literal: expression, property, range: expression.range };
    case "IdentifierReference":
      return identifier(expression.name, expression.range, rule);
    case "PropertyReference":
      return containsOffset(expression.identifier.range, offset)
        ? identifier(expression.identifier.text, expression.identifier.range, rule)
        : { kind: "property", name: expression.property, range: expression.property.range, argument: false };
    case "FunctionCall": {
      if (containsOffset(expression.name.range, offset))
        return { kind: "function", call: expression, range: expression.name.range };
      const inner = expression.arguments.find((a) => containsOffset(a.range, offset));
      return inner && inExpression(inner, offset, rule, undefined);
    }
    default:
      return undefined;
  }
}

function identifier(name: string, range: Range, rule: Rule): NodeAt {
  return { kind: "identifier", name, range, rule };
}

/** Where `name` is bound in `rule`: the first condition that binds it (not negated, not bound before). */
export function bindingOf(rule: Rule, name: string): Condition | undefined {
  let found: Condition | undefined;
  visitScope(rule, {
    bind: (text, _at, condition, refused) => {
      if (text === name && !refused) found ??= condition;
    },
  });
  return found;
}

/** Every occurrence of identifier `name` in `rule`: the binding first, then each use in text order. */
export function occurrences(rule: Rule, name: string): { range: Range; binding: boolean }[] {
  const found: { range: Range; binding: boolean }[] = [];
  visitScope(rule, {
    use: (text, at) => void (text === name && found.push({ range: at.range, binding: false })),
    bind: (text, at) => void (text === name && found.push({ range: at.range, binding: true })),
  });
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
