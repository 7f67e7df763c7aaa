/**
 * How deep function calls may nest: the one switch for it (docs/decisions.md, "Nesting limit").
 * Real policies nest a handful of calls; every reader of the AST after the parser (the checker,
 * the evaluator's compiler, the formatter, the language server) walks expressions recursively, and
 * at a few thousand levels they run out of stack. A limit well inside that keeps every one of
 * them safe, where a stack overflow would be a crash.
 */
export const MAX_NESTING = 256;

/** Thrown by both readers of the text at the call that goes past `MAX_NESTING`. */
export class NestingTooDeep extends Error {
  /** @param start, end: the offsets of the call's name */
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super(`function calls nest more than ${MAX_NESTING} deep`);
  }
}
