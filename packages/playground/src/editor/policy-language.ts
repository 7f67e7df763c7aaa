import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

/**
 * Lexical highlighting of MAA policies, the CodeMirror twin of the extension's TextMate grammars
 * (packages/vscode-extension/syntaxes): keywords, actions, strings, numbers, comments, and the
 * JMESPath query inside `JmesPath(json, "query")` highlighted as JMESPath. The server's semantic
 * tokens (semantic-tokens.ts) add what only the parser knows; diagnostics come from the server.
 */
interface State {
  blockComment: boolean;
  /** Inside the query string of a JmesPath call. */
  query: boolean;
  /** A `JmesPath` name was just read: the next `(` opens its call. */
  jmesPathNext: boolean;
  /** Parenthesis depth inside a JmesPath call (0: outside), and its argument index at depth 1. */
  depth: number;
  argument: number;
}

const KEYWORDS = /^(version|configurationrules|authorizationrules|issuancerules)$/;
const ACTIONS = /^(permit|deny|add|issue|issueproperty)$/;
const PROPERTIES = /^(type|value|issuer|valueType)$/;

function token(stream: StringStream, state: State): string | null {
  if (state.blockComment) {
    state.blockComment = !stream.skipTo("*/");
    if (state.blockComment) stream.skipToEnd();
    else stream.match("*/");
    return "comment";
  }
  if (state.query) return queryToken(stream, state);
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match("/*")) {
    state.blockComment = true;
    return token(stream, state) ?? "comment";
  }
  if (stream.peek() === '"') {
    if (state.depth === 1 && state.argument === 1) {
      stream.next();
      state.query = true;
      return "string";
    }
    stream.next();
    for (let char = stream.next(); char !== undefined && char !== '"'; char = stream.next())
      if (char === "\\") stream.next();
    return "string";
  }
  if (stream.match(/^\d+(\.\d+)?/)) return "number";
  const word = stream.match(/^[A-Za-z_$][\w$-]*/) as RegExpMatchArray | null;
  if (word) return wordToken(word[0], stream, state);
  if (stream.match(/^(==|!=|<=|>=|=>|&&|\|\||[<>=!])/)) return "operator";
  const char = stream.next();
  const opensQuery = char === "(" && state.jmesPathNext;
  state.jmesPathNext = false;
  if (opensQuery) [state.depth, state.argument] = [1, 0];
  else if (char === "(" && state.depth > 0) state.depth++;
  else if (char === ")" && state.depth > 0) state.depth--;
  else if (char === "," && state.depth === 1) state.argument++;
  if (char === "\u201c" || char === "\u201d") return "invalid";
  return /[()[\]{}]/.test(char ?? "") ? "bracket" : "punctuation";
}

function wordToken(word: string, stream: StringStream, state: State): string {
  state.jmesPathNext = word === "JmesPath";
  if (KEYWORDS.test(word)) return "keyword";
  if (ACTIONS.test(word)) return "action";
  if (word === "true" || word === "false") return "bool";
  if (stream.match(/^\s*\(/, false)) return "function";
  if (stream.match(/^\s*:/, false)) return "definition";
  if (PROPERTIES.test(word) || /\.$/.test(stream.string.slice(0, stream.start))) return "property";
  return "variable";
}

/** JMESPath inside the policy string: `\"` delimits a quoted identifier there; `"` ends the string. */
function queryToken(stream: StringStream, state: State): string | null {
  if (stream.eatSpace()) return null;
  if (stream.match('\\"')) {
    while (!stream.eol() && !stream.match('\\"')) stream.next();
    return "queryField";
  }
  if (stream.eat('"')) {
    state.query = false;
    return "string";
  }
  if (stream.match(/^`[^`]*`?/)) return "queryLiteral";
  if (stream.match(/^'[^']*'?/)) return "queryString";
  if (stream.match(/^-?\d+/)) return "number";
  if (stream.match(/^[A-Za-z_][\w]*(?=\s*\()/)) return "queryFunction";
  if (stream.match(/^[A-Za-z_][\w]*/)) return "queryField";
  if (stream.match(/^(==|!=|<=|>=|&&|\|\||[<>!|.*@&?:,])/)) return "queryOperator";
  stream.next();
  return "bracket";
}

export const policyLanguage = StreamLanguage.define<State>({
  name: "maa-policy",
  startState: () => ({ blockComment: false, query: false, jmesPathNext: false, depth: 0, argument: 0 }),
  copyState: (state) => ({ ...state }),
  token,
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
  tokenTable: {
    action: t.controlKeyword,
    definition: t.definition(t.variableName),
    property: t.propertyName,
    function: t.function(t.variableName),
    queryField: t.special(t.propertyName),
    queryFunction: t.special(t.function(t.variableName)),
    queryLiteral: t.special(t.literal),
    queryString: t.special(t.string),
    queryOperator: t.special(t.operator),
  },
});

/** Colours with at least 4.5:1 contrast on the white editor background (WCAG AA). */
export const policyHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword], color: "#7a1fa2", fontWeight: "600" },
    { tag: t.string, color: "#a31515" },
    { tag: [t.number, t.bool], color: "#0b6b3a" },
    { tag: t.comment, color: "#5c6370", fontStyle: "italic" },
    { tag: [t.propertyName], color: "#005f8f" },
    { tag: [t.definition(t.variableName)], color: "#8a4b00", fontWeight: "600" },
    { tag: t.variableName, color: "#8a4b00" },
    { tag: t.function(t.variableName), color: "#6f42c1" },
    { tag: t.operator, color: "#3a3f47" },
    { tag: t.invalid, color: "#b00020", textDecoration: "underline wavy" },
    { tag: t.special(t.propertyName), color: "#00639c", backgroundColor: "#eef6fb" },
    { tag: t.special(t.function(t.variableName)), color: "#5a32a3", backgroundColor: "#eef6fb" },
    { tag: [t.special(t.literal), t.special(t.string)], color: "#0b6b3a", backgroundColor: "#eef6fb" },
    { tag: t.special(t.operator), color: "#3a3f47", backgroundColor: "#eef6fb" },
  ]),
);
