import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { base64UrlDecode, base64UrlEncode } from "@maa-policy/tokens";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("base64UrlEncode", () => {
  it.each([
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ['{"alg":"none"}', "eyJhbGciOiJub25lIn0"],
    ["é", "w6k"],
  ])("encodes the UTF-8 of %j as %j", (text, expected) => {
    expect(base64UrlEncode(text)).toBe(expected);
  });

  it("uses the URL alphabet for bytes", () => {
    expect(base64UrlEncode(bytes(0xfb, 0xff, 0xbf))).toBe("-_-_");
  });
});

describe("base64UrlDecode", () => {
  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        const decoded = base64UrlDecode(base64UrlEncode(input));
        expect(decoded).toEqual({ ok: true, value: input });
      }),
    );
  });

  it("accepts exactly one spelling of any bytes: what decodes, encodes back to itself", () => {
    const alphabet = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 16 }), (chars) => {
        const text = chars.join("");
        const decoded = base64UrlDecode(text);
        if (decoded.ok) expect(base64UrlEncode(decoded.value)).toBe(text);
      }),
    );
  });

  it.each([
    ["version= 1", 7, "Unknown base64 character: 61 ('=')"],
    ["ver sion", 3, "Unknown base64 character: 32 (' ')"],
    ["value);c", 5, "Unknown base64 character: 41 (')')"],
    ["Zg==", 2, "Unknown base64 character: 61 ('=')"],
    ["a+b/", 1, "Unknown base64 character: 43 ('+')"],
    ["ab\ncd", 2, "Unknown base64 character: 10 ('\n')"],
    ["abé", 2, "Unknown base64 character: 195 ('é')"],
    ["abcde", 4, "Invalid base64 length: 5 characters"],
    ["Zh", 1, "Non-canonical base64: the unused bits of the last character 'h' are not zero"],
    ["Zm9", 2, "Non-canonical base64: the unused bits of the last character '9' are not zero"],
  ])("rejects %j at offset %i", (text, offset, message) => {
    expect(base64UrlDecode(text)).toEqual({
      ok: false,
      offset,
      error: { code: "InvalidOperation", message, status: 400 },
    });
  });
});
