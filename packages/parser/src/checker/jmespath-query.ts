import { compile, getRegisteredFunctions, tokenize } from "@jmespath-community/jmespath";
import {
  findJmesPathFunction,
  jmesPathSignatureText,
  jmesPathTypeMatches,
  jmesPathTypeOf,
  JMESPATH_FUNCTIONS,
  NON_STANDARD_JMESPATH_NODES,
  nodeTypes,
  nodesOf,
  nonStandardSyntaxMessage,
  unsupportedJmesPathFunctionMessage,
  type JmesPathFunction,
} from "../jmespath-dialect.js";
import { closest } from "../suggest.js";
import { describeJmesPathSyntaxError } from "./jmespath-words.js";

/** A finding inside a query: `index` and `length` count characters of the query (not of the policy text). */
export interface QueryFinding {
  readonly code:
    "jmespath-syntax" | "jmespath-unknown-function" | "jmespath-arity" | "jmespath-argument-type";
  readonly message: string;
  readonly index: number;
  readonly length: number;
  readonly hint?: string;
  /** The single close function name, for an unknown one. */
  readonly replacement?: string;
}

interface Token {
  readonly type: string;
  readonly value: unknown;
  readonly start: number;
}

const LIBRARY_FUNCTIONS = new Set(getRegisteredFunctions());
const OPENERS = new Set(["Lparen", "Lbracket", "Filter", "Lbrace"]);
const CLOSERS = new Set(["Rparen", "Rbracket", "Rbrace"]);

/**
 * Everything wrong with one query, in words and at its place: a syntax error (alone: nothing else
 * can be read then), or each function the dialect lacks, each call with the wrong number of
 * arguments, each literal argument of the wrong type, and syntax beyond the JMESPath specification.
 */
export function checkQuery(query: string): QueryFinding[] {
  let ast: unknown;
  try {
    ast = compile(query);
  } catch (error) {
    return [syntaxFinding(query, (error as Error).message)];
  }
  // Most queries are fine: the compiled tree says so without the tokens, which only place findings.
  if (!needsPlacing(ast)) return [];
  const tokens = tokenize(query) as Token[];
  const findings: QueryFinding[] = [];
  tokens.forEach((token, i) => {
    if (token.type === "UnquotedIdentifier" && tokens[i + 1]?.type === "Lparen")
      checkCall(query, tokens, i, findings);
  });
  findings.push(...nonStandardSyntax(query, nodeTypes(ast), tokens));
  return findings.sort((a, b) => a.index - b.index);
}

/** Whether the compiled query has anything `checkCall` or `nonStandardSyntax` would report. */
function needsPlacing(ast: unknown): boolean {
  return nodesOf(ast).some((node) => {
    if (node.type in NON_STANDARD_JMESPATH_NODES) return true;
    if (node.type !== "Function") return false;
    const f = findJmesPathFunction(String(node.name));
    const args = node.children ?? [];
    if (!f || (f.variadic ? args.length < f.parameters.length : args.length !== f.parameters.length))
      return true;
    return args.some((arg, i) => {
      const types = f.parameters[Math.min(i, f.parameters.length - 1)].types;
      if (types.includes("expression") !== (arg.type === "ExpressionReference")) return true;
      return arg.type === "Literal" && !types.some((t) => jmesPathTypeMatches(t, arg.value));
    });
  });
}

function checkCall(query: string, tokens: readonly Token[], at: number, findings: QueryFinding[]): void {
  const name = String(tokens[at].value);
  const nameSpan = { index: tokens[at].start, length: name.length };
  const f = findJmesPathFunction(name);
  if (!f) {
    const suggestion = closest(
      name,
      JMESPATH_FUNCTIONS.map((g) => g.name),
    );
    findings.push({
      code: "jmespath-unknown-function",
      message: `JMESPath: ${unsupportedJmesPathFunctionMessage(name, LIBRARY_FUNCTIONS.has(name))}`,
      ...nameSpan,
      ...(suggestion && { hint: `Did you mean '${suggestion}'?`, replacement: suggestion }),
    });
    return;
  }
  const args = callArguments(tokens, at + 2);
  if (!args) return;
  const min = f.parameters.length;
  if (f.variadic ? args.list.length < min : args.list.length !== min) {
    const end = tokenEnd(query, tokens, args.close);
    findings.push({
      code: "jmespath-arity",
      message: `JMESPath: ${f.name} takes ${f.variadic ? "at least " : ""}${min} argument${min === 1 ? "" : "s"}, not ${args.list.length}: ${jmesPathSignatureText(f)}.`,
      index: nameSpan.index,
      length: end - nameSpan.index,
    });
    return;
  }
  args.list.forEach((arg, i) => checkArgument(query, tokens, f, i, arg, findings));
}

function checkArgument(
  query: string,
  tokens: readonly Token[],
  f: JmesPathFunction,
  i: number,
  arg: readonly number[],
  findings: QueryFinding[],
): void {
  const parameter = f.parameters[Math.min(i, f.parameters.length - 1)];
  const first = tokens[arg[0]];
  const span = { index: first.start, length: tokenEnd(query, tokens, arg[arg.length - 1]) - first.start };
  const wantsExpression = parameter.types.includes("expression");
  const isExpression = first.type === "Expref";
  const report = (got: string) =>
    findings.push({
      code: "jmespath-argument-type",
      message: `JMESPath: argument '${parameter.name}' of ${f.name} must be ${alternatives(parameter.types.map(article))}, not ${got}.`,
      ...span,
    });
  if (wantsExpression !== isExpression) {
    report(isExpression ? "an &expression" : "a value (write &expression)");
    return;
  }
  if (arg.length !== 1 || first.type !== "Literal") return;
  if (!parameter.types.some((t) => jmesPathTypeMatches(t, first.value)))
    report(`the ${jmesPathTypeOf(first.value)} ${JSON.stringify(first.value)}`);
}

function alternatives(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function article(type: string): string {
  if (type === "any") return "any value";
  if (type === "expression") return "an &expression";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The token indices of each argument of the call whose `(` precedes `from`, and its `)`. */
function callArguments(
  tokens: readonly Token[],
  from: number,
): { list: number[][]; close: number } | undefined {
  const list: number[][] = [];
  let current: number[] = [];
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (depth === 0 && type === "Rparen") {
      if (current.length > 0 || list.length > 0) list.push(current);
      return { list, close: i };
    }
    if (depth === 0 && type === "Comma") {
      list.push(current);
      current = [];
      continue;
    }
    if (OPENERS.has(type)) depth++;
    else if (CLOSERS.has(type)) depth--;
    current.push(i);
  }
  return undefined;
}

/** Where a token ends: where the next one starts, less the blanks between them. */
function tokenEnd(query: string, tokens: readonly Token[], i: number): number {
  let end = i + 1 < tokens.length ? tokens[i + 1].start : query.length;
  while (end > tokens[i].start + 1 && /\s/.test(query[end - 1])) end--;
  return end;
}

/** The library's tokens for its syntax beyond the specification, by AST node type. */
const NODE_TOKENS: Record<string, readonly string[]> = {
  LetExpression: ["Variable", "Assign"],
  Variable: ["Variable"],
  Ternary: ["Question"],
  Arithmetic: ["Plus", "Minus", "Multiply", "Divide", "Modulo", "Div"],
  Unary: ["Plus", "Minus"],
  Root: ["Root"],
};

function nonStandardSyntax(query: string, types: Set<string>, tokens: readonly Token[]): QueryFinding[] {
  const found = new Map<string, QueryFinding>();
  for (const type of types) {
    const what = NON_STANDARD_JMESPATH_NODES[type];
    if (!what || found.has(what)) continue;
    const token = tokens.find((t) => NODE_TOKENS[type].includes(t.type));
    const index = token?.start ?? 0;
    // `let $x = …` is both a let expression and a variable: one finding a place.
    if ([...found.values()].some((f) => f.index === index)) continue;
    found.set(what, {
      code: "jmespath-syntax",
      message: `JMESPath: ${nonStandardSyntaxMessage(what)}`,
      index,
      length: token ? tokenEnd(query, tokens, tokens.indexOf(token)) - index : query.length,
    });
  }
  return [...found.values()];
}

function syntaxFinding(query: string, message: string): QueryFinding {
  const index = syntaxErrorIndex(query);
  return {
    code: "jmespath-syntax",
    message: `JMESPath: ${describeJmesPathSyntaxError(message, query, index)}`,
    index,
    length: 1,
  };
}

/**
 * The library reports no positions: the place is the first token whose prefix fails for another
 * reason than ending early, or the lexer's first failure (queries are short).
 */
function syntaxErrorIndex(query: string): number {
  let tokens: Token[];
  try {
    tokens = tokenize(query);
  } catch {
    for (let end = 1; end <= query.length; end++) {
      try {
        tokenize(query.slice(0, end));
      } catch {
        return end - 1;
      }
    }
    return query.length;
  }
  for (let i = 0; i < tokens.length; i++) {
    const error = compileError(query.slice(0, tokenEnd(query, tokens, i)));
    if (error && !error.includes("EOF")) return tokens[i].start;
  }
  return query.length;
}

function compileError(query: string): string | undefined {
  try {
    compile(query);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
