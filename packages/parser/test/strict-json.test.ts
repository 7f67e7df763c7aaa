import { describe, expect, it } from "vitest";
import { readStrictJson, type JsonRead } from "../src/strict-json.js";
import { MAX_JSON_DEPTH } from "../src/index.js";

/** The failure without the engine's own message, which differs between Node versions. */
const settled = (read: JsonRead) =>
  read.ok || read.fault !== "syntax" ? read : { ...read, engineMessage: "…" };

describe("the one strict-JSON reader", () => {
  it.each<[string, string, boolean, JsonRead]>([
    ["an object", '{"a":[1,2]}', false, { ok: true, value: { a: [1, 2] } }],
    ["a bare value", "7", false, { ok: true, value: 7 }],
    [
      "a missing value, located",
      '{"a":}',
      false,
      { ok: false, fault: "syntax", code: "ValueExpected", offset: 5, engineMessage: "…", unreadable: false },
    ],
    [
      "a comment, which JSON has not",
      "[1 // one\n]",
      false,
      {
        ok: false,
        fault: "syntax",
        code: "InvalidCommentToken",
        offset: 3,
        engineMessage: "…",
        unreadable: false,
      },
    ],
    [
      "empty text",
      "",
      false,
      { ok: false, fault: "syntax", code: "ValueExpected", offset: 0, engineMessage: "…", unreadable: false },
    ],
    [
      "nesting past the bound, where it goes too deep",
      "[".repeat(MAX_JSON_DEPTH + 1),
      false,
      { ok: false, fault: "too-deep", offset: MAX_JSON_DEPTH },
    ],
    ["a key given twice, kept last when not refused", '{"a":1,"a":2}', false, { ok: true, value: { a: 2 } }],
    [
      "a key given twice, refused at its second place when asked",
      '{"b":{"a":1,"a":2}}',
      true,
      { ok: false, fault: "duplicate-key", key: "a", offset: 12 },
    ],
    [
      "the same key in two objects is no duplicate",
      '[{"a":1},{"a":2}]',
      true,
      { ok: true, value: [{ a: 1 }, { a: 2 }] },
    ],
  ])("%s", (_name, text, refuseDuplicateKeys, expected) => {
    expect(settled(readStrictJson(text, { refuseDuplicateKeys }))).toEqual(expected);
  });

  it("keeps what JSON.parse said, for the messages that quote the engine", () => {
    const read = readStrictJson("[1,]");
    let engine = "";
    try {
      JSON.parse("[1,]");
    } catch (error) {
      engine = (error as Error).message;
    }
    expect(read).toMatchObject({ ok: false, fault: "syntax", engineMessage: engine });
  });
});
