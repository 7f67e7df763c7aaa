/**
 * Policy strings escape with a backslash: `\"` and `\\` are documented or observed (spec §1.3.11);
 * any other `\x` stands for `x` (docs/decisions.md, "String escapes"), and the checker warns.
 */
export function unquote(raw: string): string {
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  return body.replace(/\\(.)/gsu, "$1");
}

/** Where in the raw literal (quotes included) the unquoted character at `index` came from. */
export function rawIndexOf(raw: string, index: number): number {
  let rawIndex = 1;
  for (let i = 0; i < index && rawIndex < raw.length - 1; i++) {
    rawIndex += raw[rawIndex] === "\\" ? 2 : 1;
  }
  return rawIndex;
}

export const KNOWN_ESCAPES = new Set(['"', "\\"]);

/** Inverse of `unquote`: the literal the formatter and fixes write for `value`. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
