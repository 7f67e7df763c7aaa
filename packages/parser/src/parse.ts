import type { Policy } from "./ast.js";
import type { Diagnostic } from "./diagnostic.js";
import { TokenRecorder, type Scan } from "./fast-lexer.js";
import { parseFast } from "./fast-parser.js";
import {
  generatedParser,
  loadedGeneratedParser,
  loadGeneratedParser,
  type GeneratedParser,
} from "./generated-parser.js";
import { MAX_NESTING, NestingTooDeep } from "./nesting-limit.js";
import { SourceMap } from "./source-map.js";

export interface ParseResult {
  /** Undefined only when the text could not be parsed at all (see `parser-limit`). */
  readonly policy: Policy | undefined;
  /** Syntax errors in the order the service's parser meets them; the first is what it reports. */
  readonly diagnostics: readonly Diagnostic[];
  readonly text: string;
  readonly source: SourceMap;
}

export interface ParseOptions {
  /** Skips the fast parser, so that tests can hold the two to the same AST. */
  readonly generatedParserOnly?: boolean;
}

/**
 * Parses policy text into the typed AST with every syntax error. Never throws: function calls
 * nested deeper than `MAX_NESTING`, and input that defeats the generated parser itself (nesting
 * deep enough to exhaust its stack), become a `parser-limit` diagnostic and no AST.
 *
 * Text without a syntax error (nearly all text) is read by a hand-written fast path
 * (`fast-parser.ts`); it declines at the first error, and the generated ANTLR parser reads the
 * text again for ANTLR's exact errors (`parse-generated.ts`). That parser is loaded on demand
 * (`generated-parser.ts`): call `loadGeneratedParser()` once before parsing synchronously, or use
 * `parsePolicyAsync`, which loads it only for text the fast parser declines.
 */
export function parsePolicy(text: string, options: ParseOptions = {}): ParseResult {
  const first = parseFirst(text, options);
  return "policy" in first ? first : parseAgain(first, generatedParser());
}

/** `parsePolicy`, loading the generated parser only when the text needs it (a syntax error). */
export async function parsePolicyAsync(text: string, options: ParseOptions = {}): Promise<ParseResult> {
  const first = parseFirst(text, options);
  return "policy" in first ? first : parseAgain(first, await loadGeneratedParser());
}

/**
 * `parsePolicy` where it needs nothing loaded: undefined for text that needs the generated parser
 * while it is not loaded. For a caller of many texts that loads ANTLR only if one has a syntax
 * error, and then parses that text again (`check`: analyze-many.ts).
 */
export function parsePolicyIfLoaded(text: string): ParseResult | undefined {
  const first = parseFirst(text, {});
  if ("policy" in first) return first;
  const generated = loadedGeneratedParser();
  return generated && parseAgain(first, generated);
}

/**
 * `parsePolicy` for the formatter, with the fast lexer's scan of the text (comments included, EOF
 * last) where the fast parser read it, so that the text is scanned once for both.
 */
export function parsePolicyScanned(text: string): ParseResult & { readonly scanned?: Scan } {
  const tokens = new TokenRecorder(text);
  const first = parseFirst(text, {}, tokens);
  return "policy" in first ? { ...first, scanned: tokens.scan() } : parseAgain(first, generatedParser());
}

/** Text the fast parser declined, with the call it declined for when that call nests too deep. */
interface Declined {
  readonly text: string;
  readonly source: SourceMap;
  readonly astral: boolean;
  readonly tooDeep: NestingTooDeep | undefined;
}

function parseFirst(text: string, options: ParseOptions, tokens?: TokenRecorder): ParseResult | Declined {
  const source = new SourceMap(text);
  const astral = source.hasAstralCharacters;
  const fast = astral || options.generatedParserOnly === true ? undefined : parseFast(text, source, tokens);
  if (fast && !(fast instanceof NestingTooDeep)) return { policy: fast, diagnostics: [], text, source };
  return { text, source, astral, tooDeep: fast };
}

function parseAgain({ text, source, astral, tooDeep }: Declined, generated: GeneratedParser): ParseResult {
  try {
    return generated.parseGenerated(text, source, astral);
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof NestingTooDeep)) throw error;
    // Where the generated parser's own stack gave out first, the call the fast parser saw, if any.
    const deep = error instanceof NestingTooDeep ? error : tooDeep;
    const diagnostic: Diagnostic = {
      code: "parser-limit",
      severity: "error",
      ...(deep
        ? {
            message: `Function calls nest more than ${MAX_NESTING} deep here; maa-policy reads no deeper.`,
            range: source.lines.range(deep.start, deep.end),
          }
        : { message: "The policy is nested too deeply to parse.", range: source.lines.range(0, 0) }),
    };
    return { policy: undefined, diagnostics: [diagnostic], text, source };
  }
}
