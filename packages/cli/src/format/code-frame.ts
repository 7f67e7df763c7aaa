import type { LineIndex, Range } from "@maa-policy/parser";
import type { Style } from "./display.js";

/**
 * A code frame in the style of Babel and typescript-eslint: the line before for context, the
 * offending line, and carets under the range (its first line only, at least one caret).
 */
export function codeFrame(
  lines: LineIndex,
  range: Range,
  style: Style,
  mark: (text: string) => string,
): string {
  const line = range.start.line;
  const first = Math.max(0, line - 1);
  const width = String(line + 1).length;
  const out: string[] = [];
  for (let l = first; l <= line; l++) {
    const text = visible(lines.lineText(l));
    const gutter = `${l === line ? ">" : " "} ${String(l + 1).padStart(width)} |`;
    out.push(style.dim(gutter) + (text ? ` ${text}` : ""));
  }
  const lineText = lines.lineText(line);
  const start = range.start.character;
  const end = range.end.line === line ? range.end.character : lineText.length;
  const padding = visible(lineText.slice(0, start)).replace(/[^\t]/g, " ");
  out.push(
    `${style.dim(`  ${" ".repeat(width)} |`)} ${padding}${mark("^".repeat(Math.max(1, end - start)))}`,
  );
  return out.join("\n");
}

/** Control characters would garble the terminal; show them as their escapes. */
function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    /[\u0000-\u0008\u000B-\u001F\u007F]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}
