import type { Analysis } from "@maa-policy/parser";

/** One policy file after `analyzePolicy`, as every output format receives it. */
export interface CheckedFile {
  /** The path as the user gave it (`<stdin>` for `-`). */
  readonly path: string;
  readonly analysis: Analysis;
}

/** A file `check` was asked for but could not read: every format says so rather than skip it. */
export interface UnreadFile {
  readonly path: string;
  /** Why, naming the file: `missing.policy: no such file`. */
  readonly message: string;
}
