import { describe, expect, it } from "vitest";
import { jsonTooDeepAt, jsonValueTooDeepAt, MAX_JSON_DEPTH } from "../src/index.js";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

describe("JSON nesting limit", () => {
  it.each<[string, string, number | undefined]>([
    ["at the limit", nested(MAX_JSON_DEPTH), undefined],
    ["one past it, at the bracket that goes too deep", nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH],
    ["objects count as arrays do", `{"a":${nested(MAX_JSON_DEPTH, '{"a":', "}")}}`, 5 * MAX_JSON_DEPTH],
    ["brackets inside strings do not count", JSON.stringify(nested(10_000)), undefined],
    ["an escaped quote does not end the string", `["\\"${nested(1_000)}"]`, undefined],
    // Read as the reader that locates errors in invalid JSON reads them: it recurses.
    ["a line break ends a string", `["\n${"[".repeat(300)}`, 258],
    ["a block comment is skipped, a quote in it too", `[/*"*/${"[".repeat(300)}`, 261],
    ["a line comment is skipped", `[//"\n${"[".repeat(300)}`, 260],
    [
      "closed levels are given back",
      `[${nested(MAX_JSON_DEPTH - 1)}, ${nested(MAX_JSON_DEPTH - 1)}]`,
      undefined,
    ],
  ])("text %s", (_name, text, offset) => {
    expect(jsonTooDeepAt(text)).toBe(offset);
  });

  it("finds the path of a parsed value nested too deep, and passes one at the limit", () => {
    const deep = (depth: number) => {
      let value: unknown = "leaf";
      for (let i = 0; i < depth; i++) value = { k: value };
      return value;
    };
    expect(jsonValueTooDeepAt([1, deep(MAX_JSON_DEPTH - 1)])).toBeUndefined();
    const path: (string | number)[] = [1, ...new Array<string>(MAX_JSON_DEPTH - 1).fill("k")];
    expect(jsonValueTooDeepAt([1, deep(MAX_JSON_DEPTH)])).toEqual(path);
    // The first too deep in document order.
    expect(jsonValueTooDeepAt({ a: deep(MAX_JSON_DEPTH), b: deep(MAX_JSON_DEPTH) })?.[0]).toBe("a");
  });
});
