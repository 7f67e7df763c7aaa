import { serviceError } from "@maa-policy/parser/model";
import { base64UrlDecode } from "./base64url.js";
import { parseJsonObject } from "./json.js";
import { MAX_HEADER_CHARS } from "./limits.js";
import { fail, ok, type Result, type TokenLocation } from "./result.js";

/** A compact JWS split the way the service splits it, every segment decoded. */
export interface JwsParts {
  readonly token: string;
  readonly header: Readonly<Record<string, unknown>>;
  /** The header's JSON text as sent (the docs' tokens have spaces and `\u002B` escapes). */
  readonly headerText: string;
  /** Raw payload bytes: empty for a policy reset token (spec §4.2). */
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  /** `<header>.<payload>`, the bytes a signature covers. */
  readonly signingInput: string;
  /** Offset of the first character of the payload and of the signature in `token`. */
  readonly payloadStart: number;
  readonly signatureStart: number;
}

const malformed = (message: string) => serviceError("InvalidOperation", `Malformed JWT: ${message}`);

/**
 * The service's order (spec §3.2): find the first and second periods, then decode the signature
 * segment first, then the header, then the payload. That order is why a text policy sent as a
 * token is rejected for the first bad character after its *second* period, e.g. `)` for the
 * default SGX policy. Everything after the second period is the signature, so a third period is
 * a bad base64 character there.
 */
export function decomposeJws(token: string): Result<JwsParts> {
  const first = token.indexOf(".");
  if (first < 0) return fail(malformed("Could not find first period in the token."));
  const second = token.indexOf(".", first + 1);
  if (second < 0) return fail(malformed("Could not find second period in the token."));
  if (first > MAX_HEADER_CHARS) {
    const message = `the header is ${first} characters long; a header of more than ${MAX_HEADER_CHARS} is not read.`;
    return fail(malformed(message), { offset: 0, segment: "header" });
  }

  const signature = decodeSegment(token.slice(second + 1), { offset: second + 1, segment: "signature" });
  if (!signature.ok) return signature;
  const headerBytes = decodeSegment(token.slice(0, first), { offset: 0, segment: "header" });
  if (!headerBytes.ok) return headerBytes;
  const payload = decodeSegment(token.slice(first + 1, second), { offset: first + 1, segment: "payload" });
  if (!payload.ok) return payload;

  const header = parseJsonObject(headerBytes.value);
  if (!header.ok) return fail(malformed(`the header ${header.problem}`), { offset: 0, segment: "header" });
  return ok({
    token,
    header: header.value,
    headerText: header.text,
    payload: payload.value,
    signature: signature.value,
    signingInput: token.slice(0, second),
    payloadStart: first + 1,
    signatureStart: second + 1,
  });
}

function decodeSegment(text: string, start: TokenLocation): Result<Uint8Array> {
  const decoded = base64UrlDecode(text);
  if (decoded.ok) return ok(decoded.value);
  return fail(decoded.error, { offset: start.offset + decoded.offset, segment: start.segment });
}

/** The payload as a JSON object, with errors located at the payload segment. */
export function payloadObject(parts: JwsParts): Result<Readonly<Record<string, unknown>>> {
  const payload = parseJsonObject(parts.payload);
  if (payload.ok) return ok(payload.value);
  return fail(malformed(`the payload ${payload.problem}`), {
    offset: parts.payloadStart,
    segment: "payload",
  });
}
