/**
 * The one strict-JSON reader of the toolchain (`@maa-policy/parser/json`): claims files, JWS
 * headers and payloads, JSON text in claim values. Each caller words its own errors (the
 * service's texts differ by place); what is valid, how deep it may nest and where it goes wrong
 * are decided here. Its own entry, so that jsonc-parser loads only where JSON is read, not with
 * the model.
 */
import { parse, printParseErrorCode, visit, type ParseError } from "jsonc-parser";
import { jsonTooDeepAt } from "./json-depth.js";
import type { Result } from "./result.js";

export type JsonFault =
  /** An array or object opens deeper than `MAX_JSON_DEPTH` at `offset`. */
  | { readonly fault: "too-deep"; readonly offset: number }
  /**
   * Not JSON. `code` is jsonc-parser's name of the first error (`ValueExpected`) and `offset` its
   * place, when it could say; `engineMessage` is what JSON.parse said (it differs between engines).
   * `unreadable`: locating the error ran out of stack (nesting the depth guard does not count).
   */
  | {
      readonly fault: "syntax";
      readonly code: string | undefined;
      readonly offset: number | undefined;
      readonly engineMessage: string;
      readonly unreadable: boolean;
    }
  /** `key` appears twice in one object, the second time at `offset` (only when asked to refuse it). */
  | { readonly fault: "duplicate-key"; readonly key: string; readonly offset: number };

export type JsonRead = Result<{ readonly value: unknown }, JsonFault>;

/**
 * Strict JSON: `JSON.parse` decides what is valid, after the nesting bound; only on failure does
 * jsonc-parser re-read the text to say where (JSON.parse's messages often give no position).
 * `refuseDuplicateKeys`: JSON (RFC 8259 §4) leaves a key given twice to the reader and `JSON.parse`
 * keeps the last, so an input could mean two things; where that matters it is refused.
 */
export function readStrictJson(text: string, options: { refuseDuplicateKeys?: boolean } = {}): JsonRead {
  const deep = jsonTooDeepAt(text);
  if (deep !== undefined) return { ok: false, fault: "too-deep", offset: deep };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, fault: "syntax", engineMessage: (error as Error).message, ...locateError(text) };
  }
  const duplicate = options.refuseDuplicateKeys ? duplicateKey(text) : undefined;
  return duplicate ? { ok: false, fault: "duplicate-key", ...duplicate } : { ok: true, value };
}

/** jsonc-parser recurses per nesting level: text it cannot read to the end goes unlocated. */
function locateError(text: string): {
  code: string | undefined;
  offset: number | undefined;
  unreadable: boolean;
} {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return { code: undefined, offset: undefined, unreadable: true };
  }
  const first = errors[0];
  return first
    ? { code: printParseErrorCode(first.error), offset: first.offset, unreadable: false }
    : { code: undefined, offset: undefined, unreadable: false };
}

/**
 * The first key that appears twice in one object, at its second appearance. One pass, a set of
 * keys per open object; the visitor recurses per level, which `jsonTooDeepAt` has already bounded.
 */
function duplicateKey(text: string): { key: string; offset: number } | undefined {
  const open: Set<string>[] = [];
  let found: { key: string; offset: number } | undefined;
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
      return !found;
    },
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, offset) => {
      const keys = open[open.length - 1];
      if (!found && keys.has(key)) found = { key, offset };
      keys.add(key);
    },
  });
  return found;
}
