import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { jsonTooDeepAt, MAX_JSON_DEPTH } from "@maa-policy/parser/model";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export type JsonObjectResult =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly text: string }
  /** `problem` completes a sentence: "the header <problem>". `offset` is in the decoded text. */
  | { readonly ok: false; readonly problem: string; readonly offset?: number };

/**
 * Strict JSON (JSON.parse decides what is valid); jsonc-parser only locates the first error,
 * because V8's messages differ between Node versions and do not always carry a position.
 */
export function parseJsonObject(bytes: Uint8Array): JsonObjectResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: "is not valid UTF-8" };
  }
  // The same depth bound as every JSON that comes in (claims, runtime data, claim values).
  const deep = jsonTooDeepAt(text);
  if (deep !== undefined)
    return {
      ok: false,
      offset: deep,
      problem: `is nested more than ${MAX_JSON_DEPTH} deep at character ${deep + 1}`,
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const first = locateError(text);
    if (!first) return { ok: false, problem: "is not valid JSON" };
    return {
      ok: false,
      offset: first.offset,
      problem: `is not valid JSON: ${printParseErrorCode(first.error)} at character ${first.offset + 1}`,
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: "is not a JSON object" };
  }
  return { ok: true, value: value as Record<string, unknown>, text };
}

/** jsonc-parser recurses per nesting level: hostile nesting exhausts the stack, and then the error goes unlocated. */
function locateError(text: string): ParseError | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return undefined;
  }
  return errors[0];
}
