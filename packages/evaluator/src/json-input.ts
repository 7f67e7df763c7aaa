import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { LineIndex, MAX_JSON_DEPTH, type Position, type Result } from "@maa-policy/parser";
import { readStrictJson } from "@maa-policy/parser/json";

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

export type JsonParse = Result<
  { readonly value: unknown },
  { readonly message: string; readonly position: Position }
>;

/**
 * Incoming JSON (claims files, test cases): the one strict reader (`@maa-policy/parser/json`),
 * refusing a key given twice (a claims file could mean two things), with its errors worded for
 * the evaluator's messages and placed by line and column.
 */
export function parseJson(text: string): JsonParse {
  const read = readStrictJson(text, { refuseDuplicateKeys: true });
  if (read.ok) return read;
  const at = (offset: number) => new LineIndex(text).positionAt(offset);
  switch (read.fault) {
    case "too-deep":
      return {
        ok: false,
        message: `JSON nested more than ${MAX_JSON_DEPTH} deep`,
        position: at(read.offset),
      };
    case "duplicate-key":
      return { ok: false, message: `duplicate key ${JSON.stringify(read.key)}`, position: at(read.offset) };
    case "syntax":
      if (read.unreadable)
        return {
          ok: false,
          message: "invalid JSON, nested too deeply to read",
          position: { line: 0, character: 0, offset: 0 },
        };
      return {
        ok: false,
        message: `invalid JSON: ${read.code ? describeParseError(read.code) : "not valid JSON"}`,
        position: at(read.offset ?? text.length),
      };
  }
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
