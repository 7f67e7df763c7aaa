import { MAX_JSON_DEPTH, type Result } from "@maa-policy/parser/model";
import { readStrictJson } from "@maa-policy/parser/json";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export type JsonObjectResult = Result<
  { readonly value: Record<string, unknown>; readonly text: string },
  /** `problem` completes a sentence: "the header <problem>". `offset` is in the decoded text. */
  { readonly problem: string; readonly offset?: number }
>;

/** A JWS header or payload: UTF-8, strict JSON (the one reader, `@maa-policy/parser/json`), an object. */
export function parseJsonObject(bytes: Uint8Array): JsonObjectResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: "is not valid UTF-8" };
  }
  const read = readStrictJson(text);
  if (!read.ok) {
    if (read.fault === "too-deep")
      return {
        ok: false,
        offset: read.offset,
        problem: `is nested more than ${MAX_JSON_DEPTH} deep at character ${read.offset + 1}`,
      };
    if (read.fault !== "syntax" || read.offset === undefined)
      return { ok: false, problem: "is not valid JSON" };
    return {
      ok: false,
      offset: read.offset,
      problem: `is not valid JSON: ${read.code} at character ${read.offset + 1}`,
    };
  }
  const value = read.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: "is not a JSON object" };
  }
  return { ok: true, value: value as Record<string, unknown>, text };
}
