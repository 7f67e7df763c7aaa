import { evidenceError, fail, ok, type Result } from "./errors.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const VALUES = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));
// Both alphabets are accepted, since the service's clients send base64url and users paste base64.
VALUES.set("+", 62).set("-", 62).set("/", 63).set("_", 63);

export interface Decoded {
  readonly bytes: Uint8Array;
  readonly warnings: readonly string[];
}

/**
 * Decodes base64 or base64url text, with or without padding and line breaks. A lone final
 * character encodes no whole byte; lenient decoders (Node's Buffer, the SDK samples) drop it, and
 * the service's own sample report has one, so it is dropped with a warning rather than refused.
 * `canonical` (PEM bodies) takes the standard alphabet and line breaks only and refuses that character
 * and non-zero unused bits, so that no two texts decode to the same bytes.
 */
export function decodeBase64(text: string, field: string, canonical = false): Result<Decoded> {
  const values: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n" || char === "\r" || (!canonical && (char === " " || char === "\t"))) continue;
    if (char === "=") {
      padding++;
      continue;
    }
    const value = canonical && (char === "-" || char === "_") ? undefined : VALUES.get(char);
    if (value === undefined || padding > 0) {
      const what = value === undefined ? `character '${char}'` : "data after '=' padding";
      return fail(
        evidenceError("evidence-encoding", field, i, `Invalid base64: ${what} at text offset ${i}`),
      );
    }
    values.push(value);
  }
  const warnings: string[] = [];
  const unused = (values.length * 6) % 8;
  const last = values[values.length - 1] ?? 0;
  if (canonical && (values.length % 4 === 1 || (last & ((1 << unused) - 1)) !== 0)) {
    return fail(
      evidenceError(
        "evidence-encoding",
        field,
        null,
        "Invalid base64: the final character has bits that encode no byte",
      ),
    );
  }
  if (values.length % 4 === 1) {
    values.pop();
    warnings.push(
      `${field}: ignored the last base64 character (${values.length + 1} characters encode no whole final byte)`,
    );
  }
  const bytes = new Uint8Array(Math.floor((values.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const value of values) {
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return ok({ bytes, warnings });
}
