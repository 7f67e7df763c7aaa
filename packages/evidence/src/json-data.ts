import { parseTree, type Node } from "jsonc-parser";

/**
 * How the service re-serializes JSON runtime and init-time data before it becomes `x-ms-runtime` /
 * `x-ms-inittime` (spec §8.1 [REC]: the recorded token has the runtime data's keys sorted and its
 * whitespace dropped). "sorted" does that; "as-sent" would keep the text as the enclave sent it.
 * docs/decisions.md, "JSON runtime data is re-serialized".
 */
export const JSON_DATA_KEY_ORDER: "sorted" | "as-sent" = "sorted";

/**
 * Valid JSON text re-written as the service writes it: object keys in code point order (a key
 * given twice keeps its last value, as JSON.parse does), no whitespace, strings escaped as
 * JSON.stringify escapes them, numbers exactly as sent (so no digit of a large integer is lost).
 * Nesting is bounded by the caller's depth check, so the recursion is too.
 */
export function serviceJsonText(text: string): string {
  if (JSON_DATA_KEY_ORDER === "as-sent") return text;
  const root = parseTree(text);
  return root ? write(root, text) : text;
}

function write(node: Node, text: string): string {
  switch (node.type) {
    case "object": {
      const members = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) {
          members.delete(key.value as string);
          members.set(key.value as string, value);
        }
      }
      const keys = [...members.keys()].sort(byCodePoint);
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(members.get(key)!, text)}`).join(",")}}`;
    }
    case "array":
      return `[${(node.children ?? []).map((child) => write(child, text)).join(",")}]`;
    case "string":
      return JSON.stringify(node.value);
    default:
      // number, boolean, null: their own text.
      return text.slice(node.offset, node.offset + node.length);
  }
}

/** Code point order, which is UTF-8 byte order; JavaScript's default compares UTF-16 units. */
function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
