import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePolicyBytes, firstInvalidUtf8, UTF8_BOM_IN_TEXT } from "@maa-policy/parser";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));
const utf16le = (text: string) => Uint8Array.from([...text].flatMap((c) => [c.charCodeAt(0), 0]));
const utf16be = (text: string) => Uint8Array.from([...text].flatMap((c) => [0, c.charCodeAt(0)]));
const POLICY = "version=1.0;\nauthorizationrules { => permit(); };\n";

describe("policy bytes to text (docs/decisions.md, Encodings)", () => {
  it("UTF-8 decodes as it is", () => {
    expect(decodePolicyBytes(bytes(POLICY))).toEqual({ ok: true, text: POLICY, bom: false });
  });

  it("a UTF-8 byte order mark is accepted and stays part of the text (UTF8_BOM_IN_TEXT)", () => {
    expect(UTF8_BOM_IN_TEXT).toBe(true);
    expect(decodePolicyBytes(bytes([0xef, 0xbb, 0xbf], POLICY))).toEqual({
      ok: true,
      text: `\uFEFF${POLICY}`,
      bom: true,
    });
  });

  it.each([
    [
      "UTF-16 LE with its BOM",
      bytes([0xff, 0xfe], [...utf16le(POLICY)]),
      "the file is UTF-16 LE (byte order mark FF FE)",
    ],
    [
      "UTF-16 BE with its BOM",
      bytes([0xfe, 0xff], [...utf16be(POLICY)]),
      "the file is UTF-16 BE (byte order mark FE FF)",
    ],
    [
      "UTF-32 LE with its BOM",
      bytes([0xff, 0xfe, 0, 0], [0x76, 0, 0, 0]),
      "the file is UTF-32 LE (byte order mark FF FE 00 00)",
    ],
    [
      "UTF-32 BE with its BOM",
      bytes([0, 0, 0xfe, 0xff], [0, 0, 0, 0x76]),
      "the file is UTF-32 BE (byte order mark 00 00 FE FF)",
    ],
    [
      "UTF-16 LE without a BOM",
      utf16le(POLICY),
      "the file looks like UTF-16 LE without a byte order mark (a NUL after each character)",
    ],
    [
      "UTF-16 BE without a BOM",
      utf16be(POLICY),
      "the file looks like UTF-16 BE without a byte order mark (a NUL before each character)",
    ],
  ])("%s is named, at the start", (_name, input, what) => {
    expect(decodePolicyBytes(input)).toEqual({
      ok: false,
      message: `${what}; a policy is UTF-8 text: save it as UTF-8`,
      offset: 0,
      line: 1,
      column: 1,
    });
  });

  it.each([
    ["Latin-1 é", bytes("version=1.0;\n// caf", [0xe9], "\n"), 19, 2, 7, "E9"],
    ["a lone continuation byte", bytes("ab", [0x80]), 2, 1, 3, "80"],
    ["an overlong NUL", bytes([0xc0, 0x80]), 0, 1, 1, "C0"],
    ["a surrogate", bytes("é", [0xed, 0xa0, 0x80]), 2, 1, 2, "ED"],
    ["beyond U+10FFFF", bytes([0xf4, 0x90, 0x80, 0x80]), 0, 1, 1, "F4"],
    ["a sequence cut by the end of the file", bytes("x\ny", [0xe2, 0x82]), 3, 2, 2, "E2"],
  ])(
    "invalid UTF-8 (%s) is located, never replaced with U+FFFD",
    (_name, input, offset, line, column, byte) => {
      expect(decodePolicyBytes(input)).toEqual({
        ok: false,
        message: `not UTF-8: byte 0x${byte} at offset ${offset} is not valid UTF-8; save it as UTF-8`,
        offset,
        line,
        column,
      });
    },
  );

  it("NUL bytes that are not UTF-16's pattern are left to the parser", () => {
    const input = bytes("\u0000\u0001#$%".repeat(200));
    expect(decodePolicyBytes(input).ok).toBe(true);
  });

  it("firstInvalidUtf8 agrees with a fatal TextDecoder on any bytes", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true });
    // Random bytes are mostly invalid; UTF-8 text with one byte changed is mostly near-valid.
    const text = fc.string({ unit: "binary", maxLength: 16 }).map((t) => new TextEncoder().encode(t));
    const changed = fc
      .tuple(text, fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([b, at, value]) => (b.length === 0 ? b : b.with(at % b.length, value)));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), text, changed), (input) => {
        let valid = true;
        try {
          fatal.decode(input);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(input) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
