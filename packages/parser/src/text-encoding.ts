import type { Result } from "./result.js";
/**
 * A policy is UTF-8 text (the token carries base64url of its UTF-8 bytes, and both hashes are over
 * them). A file in another encoding is refused with what it is and where, never decoded with
 * U+FFFD in place of its bytes: a policy that checks clean must be the one that gets uploaded.
 */

/**
 * Whether a UTF-8 byte order mark stays part of the text (docs/decisions.md, "Encodings"). Kept:
 * the grammar reads U+FEFF as whitespace, `fmt` keeps it, and `hash` covers the file byte for
 * byte, BOM included, which is what a tool that sends the file's text as read would upload.
 */
export const UTF8_BOM_IN_TEXT = true;

export type DecodedText = Result<
  { readonly text: string; readonly bom: boolean },
  {
    readonly message: string;
    /** The byte at fault, and its 1-based line and column (UTF-16 units, as the CLI counts). */
    readonly offset: number;
    readonly line: number;
    readonly column: number;
  }
>;

const CONVERT = "save it as UTF-8";

/** Decodes a policy file's bytes, or says why they are not UTF-8 text. */
export function decodePolicyBytes(bytes: Uint8Array): DecodedText {
  const wide = wideEncoding(bytes);
  if (wide) return failure(bytes, 0, `${wide}; a policy is UTF-8 text: ${CONVERT}`);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, "0");
    return failure(bytes, bad, `not UTF-8: byte 0x${byte} at offset ${bad} is not valid UTF-8; ${CONVERT}`);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text: new TextDecoder("utf-8", { ignoreBOM: UTF8_BOM_IN_TEXT }).decode(bytes), bom };
}

/** UTF-32 or UTF-16, by byte order mark or, without one, by NUL bytes on one side of each pair. */
function wideEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0)
    return "the file is UTF-32 LE (byte order mark FF FE 00 00)";
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
    return "the file is UTF-32 BE (byte order mark 00 00 FE FF)";
  if (b[0] === 0xff && b[1] === 0xfe) return "the file is UTF-16 LE (byte order mark FF FE)";
  if (b[0] === 0xfe && b[1] === 0xff) return "the file is UTF-16 BE (byte order mark FE FF)";
  // ASCII text in UTF-16 has a NUL in every other byte; UTF-8 text has none (a NUL is no policy).
  const sample = b.subarray(0, Math.min(b.length, 1024) & ~1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = sample.length / 2;
  if (pairs === 0 || Math.max(even, odd) < pairs / 2) return undefined;
  if (even === 0)
    return "the file looks like UTF-16 LE without a byte order mark (a NUL after each character)";
  if (odd === 0)
    return "the file looks like UTF-16 BE without a byte order mark (a NUL before each character)";
  return undefined;
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number | undefined {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // The Unicode Standard's table 3-7: lead byte, length, and the range of the second byte.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) length = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      length = 3;
      if (c === 0xe0) low = 0xa0;
      if (c === 0xed) high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      length = 4;
      if (c === 0xf0) low = 0x90;
      if (c === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = b[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return undefined;
}

function failure(bytes: Uint8Array, offset: number, message: string): DecodedText {
  // (lastIndexOf takes a negative start from the end, hence the guard.)
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Everything before the offset is valid UTF-8, so the column counts decoded characters.
  const column =
    new TextDecoder("utf-8", { ignoreBOM: UTF8_BOM_IN_TEXT }).decode(bytes.subarray(lineStart, offset))
      .length + 1;
  return { ok: false, message, offset, line, column };
}
