import { plainAst } from "../ast-views.js";
import { scan, type Scan } from "../fast-lexer.js";

/**
 * The AST without positions: `range` and every `*Range` field dropped, names reduced to their text
 * position-free. Two policies with equal stripped trees (and equal comments) mean the same thing.
 */
export function stripRanges(node: unknown): unknown {
  return strip(plainAst(node));
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "range" || key.endsWith("Range")) continue;
    out[key] = strip(value);
  }
  return out;
}

/**
 * Whether `b` is `a` with only the whitespace between tokens changed: the same tokens, comments
 * included, with the same text, in the same order. The parser then reads the same policy from
 * both, so this is what formatting must preserve; scanning both is a fraction of the cost of
 * parsing the output again and walking the two trees side by side (bench/check-and-format.bench.js).
 */
export function sameTokens(a: string, b: string): boolean {
  const x = scan(a);
  return x !== undefined && sameTokensAs(x, b);
}

/** `sameTokens` for text already scanned (the formatter's input). */
export function sameTokensAs(x: Scan, b: string): boolean {
  const a = x.text;
  const y = scan(b);
  if (!y || x.count !== y.count) return false;
  for (let i = 0; i < x.count; i++) {
    const start = x.starts[i];
    const other = y.starts[i];
    const length = x.ends[i] - start;
    if (x.types[i] !== y.types[i] || y.ends[i] - other !== length) return false;
    for (let k = 0; k < length; k++) if (a.charCodeAt(start + k) !== b.charCodeAt(other + k)) return false;
  }
  return true;
}
