import type { Diagnostic, LineIndex } from "@maa-policy/parser";

/**
 * What every output format reads of a policy's analysis (an `Analysis` has it all; an analysis
 * made on a worker thread sends back only the diagnostics).
 */
export interface CheckedAnalysis {
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /** The text's lines, for code frames. */
  readonly source: { readonly lines: LineIndex };
}

/** One policy file after `analyzePolicy`, as every output format receives it. */
export interface CheckedFile {
  /** The path as the user gave it (`<stdin>` for `-`). */
  readonly path: string;
  readonly analysis: CheckedAnalysis;
}

/** A file `check` was asked for but could not read: every format says so rather than skip it. */
export interface UnreadFile {
  readonly path: string;
  /** Why, naming the file: `missing.policy: no such file`. */
  readonly message: string;
}
