import type { CommonTokenStream, Token } from "antlr4ng";
import { MaaPolicyLexer as L } from "./generated/MaaPolicyLexer.js";
import type { Diagnostic, Fix } from "./diagnostic.js";
import type { SyntaxCode } from "./diagnostic-codes.js";
import { KEYWORDS } from "./language.js";
import type { SourceMap } from "./source-map.js";
import { closest } from "./suggest.js";
import type { RawSyntaxError } from "./syntax-errors.js";

const CURLY_QUOTE = /[\u201C\u201D\u201E\u201F\u2033]/;
const CURLY_QUOTES = new RegExp(CURLY_QUOTE.source, "g");

/** Codes for ANTLR's five kinds of message, so tools can match on them (docs/diagnostics.md). */
function codeOf(message: string): SyntaxCode {
  if (message.startsWith("mismatched input")) return "mismatched-input";
  if (message.startsWith("missing ")) return "missing-token";
  if (message.startsWith("extraneous input")) return "extraneous-input";
  if (message.startsWith("no viable alternative")) return "no-viable-alternative";
  if (message.startsWith("token recognition error")) return "token-recognition-error";
  return "syntax-error";
}

/**
 * Turns an ANTLR error into a diagnostic, keeping its message verbatim and adding, where the mistake
 * is one the public examples make, a hint and a mechanical fix.
 */
export function syntaxDiagnostic(
  error: RawSyntaxError,
  source: SourceMap,
  tokens: CommonTokenStream,
): Diagnostic {
  const range = source.range(error.start, error.end);
  const base = {
    code: codeOf(error.message),
    severity: "error" as const,
    message: error.message,
    range,
    syntax: error.detail,
  };
  const help = hintFor(error, source, tokens);
  return help ? { ...base, ...help } : base;
}

interface Help {
  hint: string;
  fixes?: Fix[];
}

function hintFor(error: RawSyntaxError, source: SourceMap, tokens: CommonTokenStream): Help | undefined {
  const token = error.offendingToken;
  const text = source.text.slice(source.offset(error.start), source.offset(error.end));
  const range = source.range(error.start, error.end);

  if (CURLY_QUOTE.test(text)) {
    const start = source.offset(error.start);
    const edits = [...text.matchAll(CURLY_QUOTES)].map((m) => ({
      range: source.lines.range(start + m.index, start + m.index + 1),
      newText: '"',
    }));
    return {
      hint: 'Curly quotes are not string delimiters; use a straight quote (").',
      fixes: [{ title: 'Use straight quotes (")', edits }],
    };
  }
  if (!token) return undefined;

  if (token.type === L.IDENTIFIER) {
    const word = token.text ?? "";
    const keyword = KEYWORDS.includes(word.toLowerCase()) ? word.toLowerCase() : closest(word, KEYWORDS);
    if (keyword && keyword !== word && error.message.includes(`'${keyword}'`)) {
      const hint =
        keyword === word.toLowerCase()
          ? `Keywords are lower case: write '${keyword}'.`
          : `Did you mean '${keyword}'?`;
      return { hint, fixes: [{ title: `Change to '${keyword}'`, edits: [{ range, newText: keyword }] }] };
    }
  }
  const stack = error.detail.ruleStack;
  const rule = stack[stack.length - 1];
  if (token.type === L.ASSIGN && rule === "propertyCondition") {
    return {
      hint: "A condition compares with '=='; a single '=' assigns, and only in action arguments.",
      fixes: [{ title: "Change '=' to '=='", edits: [{ range, newText: "==" }] }],
    };
  }
  if (token.type === L.STRING && rule === "claimArgument") {
    return {
      hint: 'Action arguments are named: type="...", value=...',
      fixes: [
        {
          title: "Insert 'type='",
          edits: [{ range: { start: range.start, end: range.start }, newText: "type=" }],
        },
      ],
    };
  }
  const missing = /^missing (.+?) at /.exec(error.message)?.[1];
  if (missing?.startsWith("'")) {
    const literal = missing.slice(1, -1);
    return {
      hint: `Insert '${literal}' here.`,
      fixes: [insertAfterPrevious(literal, token, source, tokens)],
    };
  }
  if (error.message === "extraneous input '}' expecting ';'") {
    return { hint: "A rule ends with ';'.", fixes: [insertAfterPrevious(";", token, source, tokens)] };
  }
  if (error.message === "extraneous input '=' expecting '{'") {
    return {
      hint: "A section is written `authorizationrules { ... };`, without '=' (a pre-GA form).",
      fixes: [{ title: "Remove '='", edits: [{ range, newText: "" }] }],
    };
  }
  return undefined;
}

/** Inserts right after the token before `token`, where the missing text belongs. */
function insertAfterPrevious(text: string, token: Token, source: SourceMap, tokens: CommonTokenStream): Fix {
  const previous = previousToken(tokens, token);
  const offset = previous ? source.offset(previous.stop + 1) : source.offset(token.start);
  return { title: `Insert '${text}'`, edits: [{ range: source.lines.range(offset, offset), newText: text }] };
}

function previousToken(tokens: CommonTokenStream, token: Token): Token | undefined {
  for (let i = token.tokenIndex - 1; i >= 0; i--) {
    const candidate = tokens.get(i);
    if (candidate.channel === 0) return candidate;
  }
  return undefined;
}
