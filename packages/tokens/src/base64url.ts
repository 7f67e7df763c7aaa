import { serviceError, type ServiceError, type Result } from "@maa-policy/parser/model";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

const utf8 = new TextEncoder();

/** By length modulo 4: the bits of the last character that encode no byte (none for a full group). */
const UNUSED_BITS = [0, 0, 0b1111, 0b11];

/** Unpadded base64url (RFC 7515 §2) of the bytes, or of the UTF-8 encoding of a string. */
export function base64UrlEncode(input: Uint8Array | string): string {
  const bytes = typeof input === "string" ? utf8.encode(input) : input;
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

export type DecodeResult = Result<
  { readonly value: Uint8Array<ArrayBuffer> },
  /** `offset` is the UTF-16 index of the offending character in the decoded text. */
  { readonly error: ServiceError; readonly offset: number }
>;

/**
 * Strict unpadded base64url. The first character outside the alphabet (including `=`, `+`, `/`
 * and whitespace) is reported the way the service does: `Unknown base64 character: 41 (')')`,
 * with the decimal code of the character's first UTF-8 byte, since the service decodes bytes.
 */
export function base64UrlDecode(text: string): DecodeResult {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && VALUES[code] >= 0) continue;
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const byte = utf8.encode(char)[0];
    return {
      ok: false,
      offset: i,
      error: serviceError("InvalidOperation", `Unknown base64 character: ${byte} ('${char}')`),
    };
  }
  if (text.length % 4 === 1) {
    return {
      ok: false,
      offset: text.length - 1,
      error: serviceError("InvalidOperation", `Invalid base64 length: ${text.length} characters`),
    };
  }
  // The last character of a 2- or 3-character group carries 4 or 2 bits the bytes do not use; RFC
  // 4648 §3.5 lets a decoder refuse them unless zero. Accepting them makes 4 or 16 spellings of one
  // signature, each a distinct token with its own x-ms-policy-token-hash.
  const unused = UNUSED_BITS[text.length % 4];
  if (unused && VALUES[text.charCodeAt(text.length - 1)] & unused) {
    return {
      ok: false,
      offset: text.length - 1,
      error: serviceError(
        "InvalidOperation",
        `Non-canonical base64: the unused bits of the last character '${text[text.length - 1]}' are not zero`,
      ),
    };
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    buffer = (buffer << 6) | VALUES[text.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, value: out };
}

/**
 * Strict standard base64 (RFC 4648 §4) with optional padding, as `x5c` entries and PEM bodies
 * use. Reported like `base64UrlDecode`; the offset is into `text`.
 */
export function base64Decode(text: string): DecodeResult {
  const unpadded = text.replace(/={1,2}$/, "");
  if (unpadded.length !== text.length && text.length % 4 !== 0) {
    return {
      ok: false,
      offset: unpadded.length,
      error: serviceError("InvalidOperation", `Invalid base64 padding`),
    };
  }
  for (let i = 0; i < unpadded.length; i++) {
    const char = unpadded[i];
    if (char === "-" || char === "_") {
      return {
        ok: false,
        offset: i,
        error: serviceError(
          "InvalidOperation",
          `Unknown base64 character: ${char.charCodeAt(0)} ('${char}')`,
        ),
      };
    }
  }
  return base64UrlDecode(unpadded.replaceAll("+", "-").replaceAll("/", "_"));
}

/** Padded standard base64 (RFC 4648 §4), the encoding of `x5c` entries. */
export function base64Encode(bytes: Uint8Array): string {
  const url = base64UrlEncode(bytes).replaceAll("-", "+").replaceAll("_", "/");
  return url + "=".repeat((4 - (url.length % 4)) % 4);
}
