/**
 * Runtime data as the SDKs send it is base64url text; given to `--data-encoding raw` (the
 * default) it is read as its ASCII bytes, and the error that follows is about JSON or a hash, on
 * the quote's name. These spot that case, so the data file gets a hint instead.
 */
export const DATA_ENCODING_HINT = "it looks like base64url text: did you mean --data-encoding base64url?";

export function looksBase64url(bytes: Uint8Array): boolean {
  const text = new TextDecoder().decode(bytes).trim();
  return text.length >= 8 && /^[A-Za-z0-9_-]+={0,2}$/.test(text);
}

export function parsesAsJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(bytes));
    return true;
  } catch {
    return false;
  }
}
