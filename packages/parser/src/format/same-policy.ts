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

/**
 * Same tree, same comments in the same order: what formatting must preserve. The two trees are
 * walked side by side, each node as `JSON.stringify` would see it (`toJSON`, undefined fields left
 * out) without positions; nothing is built, so a 16 MB policy costs time in proportion and memory
 * in proportion to its depth, where a JSON string of each tree ran out of string length.
 */
export function samePolicy(a: Policy, b: Policy): boolean {
  return sameNode(a, b);
}

function sameNode(x: unknown, y: unknown): boolean {
  const a = asJson(x);
  const b = asJson(y);
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameNode(a[i], b[i])) return false;
    return true;
  }
  const keys = fieldsOf(a);
  const other = fieldsOf(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (
      key !== other[i] ||
      !sameNode((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    )
      return false;
  }
  return true;
}

function asJson(node: unknown): unknown {
  const json = (node as { toJSON?: () => unknown } | null)?.toJSON;
  return typeof json === "function" ? json.call(node) : node;
}

/** The fields JSON would write, in order, less positions. */
function fieldsOf(node: object): string[] {
  return Object.keys(node).filter(
    (key) =>
      key !== "range" && !key.endsWith("Range") && (node as Record<string, unknown>)[key] !== undefined,
  );
}
