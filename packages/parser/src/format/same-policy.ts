import type { Policy } from "../ast.js";
import { plainAst } from "../ast-views.js";

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

/** Same tree, same comments in the same order: what formatting must preserve. */
export function samePolicy(a: Policy, b: Policy): boolean {
  return JSON.stringify(stripRanges(a)) === JSON.stringify(stripRanges(b));
}
