import {
  findNodeAtLocation,
  parse,
  parseTree,
  printParseErrorCode,
  visit,
  type ParseError,
} from "jsonc-parser";
import { jsonTooDeepAt, LineIndex, MAX_JSON_DEPTH, type Position } from "@maa-policy/parser";

export type JsonPath = readonly (string | number)[];

/** `$[2].value`, `$["x-ms-sgx-svn"]`: the JSONPath-style spelling used in every input error. */
export function formatPath(path: JsonPath): string {
  return (
    "$" +
    path
      .map((key) =>
        typeof key === "number"
          ? `[${key}]`
          : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
            ? `.${key}`
            : `[${JSON.stringify(key)}]`,
      )
      .join("")
  );
}

export type JsonParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly position: Position };

/**
 * Strict JSON. The fast path is `JSON.parse`; only on failure does jsonc-parser re-read the text
 * to say where (JSON.parse's messages differ between engines and often give no position). JSON
 * nested deeper than `MAX_JSON_DEPTH` is refused first, where it goes too deep.
 */
export function parseJson(text: string): JsonParse {
  const deep = jsonTooDeepAt(text);
  if (deep !== undefined) {
    const position = new LineIndex(text).positionAt(deep);
    return { ok: false, message: `JSON nested more than ${MAX_JSON_DEPTH} deep`, position };
  }
  try {
    const value = JSON.parse(text) as unknown;
    const duplicate = duplicateKey(text);
    if (!duplicate) return { ok: true, value };
    return {
      ok: false,
      message: `duplicate key ${JSON.stringify(duplicate.key)}`,
      position: new LineIndex(text).positionAt(duplicate.offset),
    };
  } catch {
    const errors: ParseError[] = [];
    try {
      parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch (error) {
      // jsonc-parser recurses; jsonTooDeepAt reads text as it does, so this is a last resort.
      if (!(error instanceof RangeError)) throw error;
      return {
        ok: false,
        message: "invalid JSON, nested too deeply to read",
        position: { line: 0, character: 0, offset: 0 },
      };
    }
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const what = first ? describeParseError(printParseErrorCode(first.error)) : "not valid JSON";
    return { ok: false, message: `invalid JSON: ${what}`, position: new LineIndex(text).positionAt(offset) };
  }
}

/**
 * The first key that appears twice in one object, at its second appearance. JSON (RFC 8259 §4)
 * leaves duplicates to the reader, and `JSON.parse` silently keeps the last, so a claims file
 * could mean two things; it is refused instead. One pass, a set of keys per open object; the
 * visitor recurses per level, which `jsonTooDeepAt` has already bounded.
 */
function duplicateKey(text: string): { key: string; offset: number } | undefined {
  const open: Set<string>[] = [];
  let found: { key: string; offset: number } | undefined;
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
      return !found;
    },
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, offset) => {
      const keys = open[open.length - 1];
      if (!found && keys.has(key)) found = { key, offset };
      keys.add(key);
    },
  });
  return found;
}

/** jsonc-parser's codes (`ValueExpected`) as words (`value expected`). */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Where the value at `path` starts in `text`, for errors found after parsing. */
export function positionOfPath(text: string, path: JsonPath): Position | undefined {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, [...path]);
  return node ? new LineIndex(text).positionAt(node.offset) : undefined;
}
