import type { Analysis, LineIndex } from "@maa-policy/parser";

/**
 * What every output format reads of a policy's analysis (an `Analysis` has it all; an analysis
 * made on a worker thread sends back only what is reported, not the syntax tree).
 */
export interface CheckedAnalysis extends Pick<Analysis, "diagnostics" | "hasErrors" | "attestationType"> {
  /** The text's lines, for code frames. */
  readonly source: { readonly lines: LineIndex };
}

/** One policy file after `analyzePolicy`, as every output format receives it. */
export interface CheckedFile {
  /** The path as the user gave it (`<stdin>` for `-`). */
  readonly path: string;
  readonly analysis: CheckedAnalysis;
  /** With `--fix`: each fix applied. */
  readonly fixed?: readonly AppliedFix[];
}

/** A file `check` was asked for but could not read: every format says so rather than skip it. */
export interface UnreadFile {
  readonly path: string;
  /** Why, naming the file: `missing.policy: no such file`. */
  readonly message: string;
}

/** With `check --fix`: a fix applied, at the line (1-based) of the text it was applied to. */
export interface AppliedFix {
  readonly title: string;
  readonly line: number;
}
