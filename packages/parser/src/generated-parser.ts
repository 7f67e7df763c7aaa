import type * as AntlrEntry from "./antlr-entry.js";

/**
 * What runs the generated ANTLR parser: the second reading of text with a syntax error, and the
 * completion context (antlr4-c3 walks the parser's state machine).
 */
export type GeneratedParser = typeof AntlrEntry;

/**
 * The generated parser once loaded. It is loaded on demand because antlr4ng and the generated
 * lexer and parser build their state machines when their modules are evaluated, a third of a
 * cold start that a valid policy never uses (docs/decisions.md, issue 18).
 */
let loaded: GeneratedParser | undefined;

/**
 * Loads the generated parser. The asynchronous entries (`parsePolicyAsync`, `analyzePolicyAsync`)
 * call it only for text the fast parser declines; callers that parse or complete synchronously
 * (the language server, `check`, `fmt`) await it once before they start.
 */
export async function loadGeneratedParser(): Promise<GeneratedParser> {
  return (loaded ??= await import("./antlr-entry.js"));
}

/** The generated parser if it is loaded already; undefined otherwise (nothing is loaded). */
export function loadedGeneratedParser(): GeneratedParser | undefined {
  return loaded;
}

export function generatedParser(): GeneratedParser {
  if (loaded) return loaded;
  throw new Error(
    "The generated parser is not loaded: await loadGeneratedParser() before parsing synchronously.",
  );
}

/** The completion context at a caret (`completion.ts`); needs `loadGeneratedParser()` first. */
export function completionContext(
  ...args: Parameters<GeneratedParser["completionContext"]>
): ReturnType<GeneratedParser["completionContext"]> {
  return generatedParser().completionContext(...args);
}
