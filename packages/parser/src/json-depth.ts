/**
 * How deep JSON may nest where it enters: claims files, test cases, runtime data, JSON text in
 * claim values (docs/decisions.md, "JSON nesting limit"). JSON.parse reads any depth, but
 * JSON.stringify and every recursive walk after it overflow the stack at a few thousand levels:
 * a crash, where the input deserves an error with its place. Attestation data nests a few levels.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the first `[` or `{` in `text` that opens deeper than `MAX_JSON_DEPTH` (brackets
 * in strings aside), or undefined. A loop, not a parser: it must not overflow on what it guards
 * against, and it runs before JSON.parse, so well-formedness is not its business. It reads
 * strings and comments as the reader that reports where invalid JSON goes wrong (jsonc-parser,
 * which recurses) does: a string ends at a line break too, and `//` and `/* *\/` are skipped, so
 * no text can hide brackets from this count and still reach that reader.
 */
export function jsonTooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */ || c === 10 || c === 13) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return undefined;
}

/**
 * The path to the first array or object in an already parsed value that lies deeper than
 * `MAX_JSON_DEPTH`, or undefined: for JSON that came as data (a YAML test case), not as text.
 */
export function jsonValueTooDeepAt(value: unknown): (string | number)[] | undefined {
  // Each entry links to its parent; the path is spelt out only for the one that is too deep (the
  // JmesPath function checks every result, so walking must not copy a path at every node).
  interface Entry {
    readonly value: unknown;
    readonly depth: number;
    readonly key: string | number;
    readonly parent: Entry | undefined;
  }
  const pending: Entry[] = [{ value, depth: 0, key: "", parent: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth >= MAX_JSON_DEPTH) return pathOf(next);
    // Children go on the stack last first, so the first too deep in document order is found first.
    const children = Object.entries(next.value).reverse();
    const array = Array.isArray(next.value);
    for (const [key, child] of children)
      pending.push({ value: child, depth: next.depth + 1, key: array ? Number(key) : key, parent: next });
  }
  return undefined;

  function pathOf(entry: Entry): (string | number)[] {
    const path: (string | number)[] = [];
    for (let at: Entry | undefined = entry; at?.parent; at = at.parent) path.unshift(at.key);
    return path;
  }
}
