export {
  formatPolicy,
  formatRange,
  dominantLineEnding,
  DEFAULT_INDENT,
  DEFAULT_MAX_LINE_WIDTH,
  type FormatOptions,
  type FormatResult,
} from "./format-policy.js";
export { stripRanges } from "./same-policy.js";
