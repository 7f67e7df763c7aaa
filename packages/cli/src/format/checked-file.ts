import type { Analysis } from "@maa-policy/parser";

/** One policy file after `analyzePolicy`, as every output format receives it. */
export interface CheckedFile {
  /** The path as the user gave it (`<stdin>` for `-`). */
  readonly path: string;
  readonly analysis: Analysis;
}
