/**
 * What may be typed at a caret: the grammar's answer (antlr4-c3 over the generated parser's ATN)
 * plus what the tokens before the caret say about it (the claim property being compared, the
 * identifiers bound so far, the function call around it). The language server turns this into
 * completion items and signature help.
 *
 * Speed: only the tokens of the rule (or top-level item) around the caret are fed to antlr4-c3,
 * behind a synthetic `version=1.2; <section> {` prefix that puts the ATN walk in the right place,
 * so the cost does not grow with the number of rules before the caret.
 */
import { CodeCompletionCore } from "antlr4-c3";
import { CharStream, CommonToken, CommonTokenStream, ListTokenSource, Token } from "antlr4ng";
import type { ActionName, Policy, SectionName } from "./ast.js";
import { lexFast } from "./antlr-tokens.js";
import { MaaPolicyLexer } from "./generated/MaaPolicyLexer.js";
import { MaaPolicyParser as P } from "./generated/MaaPolicyParser.js";
import { LineIndex, type Range } from "./position.js";
import { ACTION_OF_TOKEN, SECTION_OF_TOKEN, TOKEN_OF_SECTION } from "./token-names.js";
import { Utf16CharStream } from "./utf16-char-stream.js";

export type CompletionSlot =
  /** A claim property name in a condition: `[|` or `[type=="a", |`. */
  | { readonly kind: "property" }
  /** An action argument name: `issue(|`. */
  | { readonly kind: "argument" }
  /** An expression. `property` is the claim property or argument it is compared with or assigned to. */
  | { readonly kind: "value"; readonly property: string | undefined }
  /** A property of a bound identifier: `c.|`. */
  | { readonly kind: "member"; readonly identifier: string }
  /** A new identifier that a condition binds: `c|:[`. */
  | { readonly kind: "binding" }
  | { readonly kind: "version" };

export interface CompletionContext {
  /** Keywords and punctuation the grammar accepts at the caret, as written (`permit`, `=>`, `[`). */
  readonly keywords: readonly string[];
  readonly slots: readonly CompletionSlot[];
  /** The word (or string literal) the caret is in, up to the caret. */
  readonly prefix: string;
  /** What a completion replaces: the whole word or string literal around the caret. */
  readonly replace: Range;
  readonly inString: boolean;
  /** The section the caret is in, if any. */
  readonly section: SectionName | undefined;
  readonly version: string | undefined;
  /** Identifiers bound by the conditions of the current rule before the caret, in order. */
  readonly bound: readonly string[];
  /** The innermost function call whose arguments the caret is in, and the 0-based argument. */
  readonly call: { readonly name: string; readonly argument: number } | undefined;
  /** The action whose arguments the caret is in, at any depth of calls: `issueproperty(type=|`. */
  readonly action: ActionName | undefined;
}

const COMPARISONS = new Set([P.EQUAL, P.NOT_EQUAL, P.LESS, P.LESS_EQ, P.GREATER, P.GREATER_EQ]);
const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** The completion context at `offset` (UTF-16) in `text`, or undefined inside a comment. Never throws. */
export function completionContext(
  text: string,
  offset: number,
  known: CompletionHints = {},
): CompletionContext | undefined {
  const caret = Math.max(0, Math.min(offset, text.length));
  const lines = known.lines ?? new LineIndex(text);
  const line = lines.positionAt(caret).line;
  const scan = scanLine(text, caret - lines.positionAt(caret).character, caret);
  if (scan.inComment) return undefined;
  let wordStart = caret;
  if (scan.stringStart !== undefined) wordStart = scan.stringStart;
  else while (wordStart > 0 && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
  let wordEnd = caret;
  if (scan.stringStart !== undefined) {
    const close = text.indexOf('"', caret);
    wordEnd = close >= 0 && close <= lines.lineEnd(line) ? close + 1 : lines.lineEnd(line);
  } else while (wordEnd < text.length && isWordChar(text.charCodeAt(wordEnd))) wordEnd++;

  const tokens =
    (known.policy && fromLastRule(text, known.policy, wordStart)) ?? lex(text.slice(0, wordStart));
  const window = currentWindow(tokens);
  const candidates = collect(window.tokens);
  const before = window.tokens.slice(window.synthetic);
  return {
    ...interpret(candidates, window.tokens),
    prefix: text.slice(wordStart, caret),
    replace: lines.range(wordStart, wordEnd),
    inString: scan.stringStart !== undefined,
    section: window.section,
    version: window.version,
    bound: window.section ? boundIdentifiers(before) : [],
    call: callAround(before),
    action: actionAround(before),
  };
}

/** What the caller may already have for this exact text: spares lexing everything before the caret. */
export interface CompletionHints {
  readonly policy?: Policy;
  readonly lines?: LineIndex;
}

/**
 * When the caret is inside a section of the (already parsed) policy, after one of its rules, only
 * the text after that rule needs lexing: the version and section become synthetic tokens.
 */
function fromLastRule(text: string, policy: Policy, wordStart: number): Token[] | undefined {
  const section = policy.sections.find(
    (s) => s.keywordRange.end.offset <= wordStart && wordStart < s.range.end.offset,
  );
  const rule = section?.rules.findLast((r) => r.range.end.offset <= wordStart);
  if (!policy.version || !section || !rule) return undefined;
  const keyword = TOKEN_OF_SECTION[section.name];
  const prefix = [P.VERSION, P.ASSIGN, P.VERSION_NUMBER, P.SEMICOLON, keyword, P.LBRACE].map((type) =>
    type === P.VERSION_NUMBER ? CommonToken.fromType(type, policy.version!.text) : synthetic(type),
  );
  return [...prefix, ...lex(text.slice(rule.range.end.offset, wordStart))];
}

/** Whether the caret is in a string literal (strings never span lines) or a `//` comment. */
function scanLine(text: string, from: number, caret: number): { stringStart?: number; inComment: boolean } {
  let stringStart: number | undefined;
  for (let i = from; i < caret; i++) {
    const c = text[i];
    if (stringStart !== undefined) {
      if (c === "\\") i++;
      else if (c === '"') stringStart = undefined;
    } else if (c === '"') stringStart = i;
    else if (c === "/" && text[i + 1] === "/") return { inComment: true };
  }
  return stringStart === undefined ? { inComment: false } : { stringStart, inComment: false };
}

function lex(text: string): Token[] {
  const astral = /[\uD800-\uDFFF]/.test(text);
  const lexer = new MaaPolicyLexer(astral ? CharStream.fromString(text) : new Utf16CharStream(text));
  lexer.removeErrorListeners();
  const all = (astral ? undefined : lexFast(text, lexer.inputStream)) ?? lexer.getAllTokens();
  return all.filter((t) => t.channel === Token.DEFAULT_CHANNEL && t.type !== Token.EOF);
}

interface Window {
  /** Synthetic prefix, then the real tokens of the current rule or top-level item. */
  readonly tokens: Token[];
  readonly synthetic: number;
  readonly section: SectionName | undefined;
  readonly version: string | undefined;
}

function currentWindow(tokens: Token[]): Window {
  const hasVersion =
    tokens[0]?.type === P.VERSION && tokens[2]?.type === P.VERSION_NUMBER && tokens[3]?.type === P.SEMICOLON;
  const version = hasVersion ? tokens[2].text : undefined;
  let depth = 0;
  let boundary = hasVersion ? 4 : 0;
  let sectionToken: Token | undefined;
  for (let i = boundary; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === P.LBRACE) {
      depth++;
      if (depth === 1) sectionToken = SECTION_OF_TOKEN[tokens[i - 1]?.type ?? -1] ? tokens[i - 1] : undefined;
      boundary = i + 1;
    } else if (type === P.RBRACE) depth = Math.max(0, depth - 1);
    else if (type === P.SEMICOLON && depth <= 1) boundary = i + 1;
  }
  if (!hasVersion) return { tokens, synthetic: 0, section: undefined, version };
  const prefix = [
    synthetic(P.VERSION),
    synthetic(P.ASSIGN),
    synthetic(P.VERSION_NUMBER),
    synthetic(P.SEMICOLON),
  ];
  const inSection = depth > 0 && sectionToken !== undefined;
  if (inSection) prefix.push(synthetic(sectionToken!.type), synthetic(P.LBRACE));
  else if (depth > 0) return { tokens, synthetic: 0, section: undefined, version };
  return {
    tokens: [...prefix, ...tokens.slice(boundary)],
    synthetic: prefix.length,
    section: inSection ? SECTION_OF_TOKEN[sectionToken!.type] : undefined,
    version,
  };
}

function synthetic(type: number): Token {
  return CommonToken.fromType(type, P.literalNames[type]?.slice(1, -1) ?? "1.2");
}

function collect(tokens: Token[]) {
  const stream = new CommonTokenStream(new ListTokenSource(tokens.map((t) => copy(t))));
  stream.fill();
  const parser = new P(stream);
  parser.removeErrorListeners();
  const core = new CodeCompletionCore(parser);
  core.preferredRules = new Set([P.RULE_propertyCondition, P.RULE_claimArgument, P.RULE_expression]);
  // The innermost preferred rule names the slot: `issue(value=|` is an expression, not an argument.
  core.translateRulesTopDown = true;
  return core.collectCandidates(tokens.length);
}

/** ListTokenSource numbers tokens as it hands them out; the lexer's own tokens are left untouched. */
function copy(token: Token): Token {
  return CommonToken.fromType(token.type, token.text ?? "");
}

function interpret(
  candidates: ReturnType<CodeCompletionCore["collectCandidates"]>,
  tokens: Token[],
): { keywords: string[]; slots: CompletionSlot[] } {
  const keywords: string[] = [];
  const slots: CompletionSlot[] = [];
  const last = tokens.at(-1);
  for (const type of candidates.tokens.keys()) {
    const literal = P.literalNames[type];
    if (literal) keywords.push(literal.slice(1, -1));
    else if (type === P.VERSION_NUMBER) slots.push({ kind: "version" });
    else if (type === P.IDENTIFIER) slots.push({ kind: "binding" });
  }
  for (const rule of candidates.rules.keys()) {
    if (rule === P.RULE_propertyCondition) slots.push({ kind: "property" });
    else if (rule === P.RULE_claimArgument) slots.push({ kind: "argument" });
    else if (rule === P.RULE_expression && last?.type === P.DOT)
      slots.push({ kind: "member", identifier: tokens.at(-2)?.text ?? "" });
    else if (rule === P.RULE_expression) slots.push({ kind: "value", property: comparedProperty(tokens) });
  }
  return { keywords, slots };
}

/** `type == |` and `type = |` name the property; a function argument names none. */
function comparedProperty(tokens: Token[]): string | undefined {
  const last = tokens.at(-1);
  const name = tokens.at(-2);
  if (!last || name?.type !== P.IDENTIFIER) return undefined;
  return COMPARISONS.has(last.type) || last.type === P.ASSIGN ? (name.text ?? undefined) : undefined;
}

/**
 * The identifiers the conditions before the caret bind. Read from tokens, not through the one
 * scoping rule (identifier-scope.ts), because that walks a parsed rule and the rule being typed
 * does not parse yet (`c:[type=="a"] => issue(value=|`); it applies the same rule: `!c:` binds nothing.
 */
function boundIdentifiers(tokens: Token[]): string[] {
  const bound: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const negated = tokens[i - 1]?.type === P.NOT;
    if (tokens[i].type === P.IDENTIFIER && tokens[i + 1].type === P.COLON && !negated)
      bound.push(tokens[i].text ?? "");
  }
  return bound;
}

function callAround(tokens: Token[]): CompletionContext["call"] {
  let depth = 0;
  let commas = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i].type;
    if (type === P.RPAREN) depth++;
    else if (type === P.COMMA && depth === 0) commas++;
    else if (type === P.LPAREN && depth > 0) depth--;
    else if (type === P.LPAREN) {
      const name = tokens[i - 1];
      return name?.type === P.IDENTIFIER ? { name: name.text ?? "", argument: commas } : undefined;
    } else if (depth === 0 && (type === P.LBRACKET || type === P.SEMICOLON)) return undefined;
  }
  return undefined;
}

function actionAround(tokens: Token[]): ActionName | undefined {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i].type;
    if (type === P.RPAREN) depth++;
    else if (type === P.LPAREN && depth > 0) depth--;
    else if (type === P.LPAREN && ACTION_OF_TOKEN[tokens[i - 1]?.type ?? -1])
      return ACTION_OF_TOKEN[tokens[i - 1].type];
    else if (type === P.IMPLIES || type === P.LBRACKET || type === P.SEMICOLON) return undefined;
  }
  return undefined;
}
