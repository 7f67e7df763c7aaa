import type { LineIndex, Range } from "@maa-policy/parser";
import type { Style } from "./display.js";

/**
 * A code frame in the style of Babel and typescript-eslint: the line before for context, the
 * offending line, and carets under the range (its first line only, at least one caret). A line
 * longer than `MAX_WIDTH` shows as a window around the range, marked with `…` where it is cut, as
 * rustc does: a policy written on one line can run to kilobytes.
 */
export function codeFrame(
  lines: LineIndex,
  range: Range,
  style: Style,
  mark: (text: string) => string,
): string {
  const line = range.start.line;
  const lineText = lines.lineText(line);
  const start = range.start.character;
  const end = range.end.line === line ? range.end.character : lineText.length;
  const shown = windowAround(lineText.length, start);
  const first = Math.max(0, line - 1);
  const width = String(line + 1).length;
  const out: string[] = [];
  for (let l = first; l <= line; l++) {
    const text = clip(lines.lineText(l), shown);
    const gutter = `${l === line ? ">" : " "} ${String(l + 1).padStart(width)} |`;
    out.push(style.dim(gutter) + (text ? ` ${text}` : ""));
  }
  const cut = shown.from > 0 ? " " : "";
  const padding = cut + visible(lineText.slice(shown.from, start)).replace(/[^\t]/g, " ");
  const carets = Math.max(1, Math.min(end, shown.to) - start);
  out.push(`${style.dim(`  ${" ".repeat(width)} |`)} ${padding}${mark("^".repeat(carets))}`);
  return out.join("\n");
}

/** Lines longer than this many characters show as a window of this width. */
const MAX_WIDTH = 120;
/** How much of the line before the range a window keeps. */
const LEAD = 40;

interface Window {
  readonly from: number;
  readonly to: number;
}

/** The window for a line of `length` with the range at `start`; the line before shares it. */
function windowAround(length: number, start: number): Window {
  const from = length <= MAX_WIDTH ? 0 : Math.max(0, Math.min(start - LEAD, length - MAX_WIDTH));
  return { from, to: from + MAX_WIDTH };
}

/** The part of `text` in the window, with `…` where the window cuts it. */
function clip(text: string, { from, to }: Window): string {
  const part = visible(text.slice(from, to));
  return (from > 0 && part ? "…" : "") + part + (to < text.length ? "…" : "");
}

/** Control characters would garble the terminal; show them as their escapes. */
function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    /[\u0000-\u0008\u000B-\u001F\u007F]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}
