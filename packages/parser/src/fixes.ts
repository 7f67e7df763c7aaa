import type { Diagnostic, TextEdit } from "./diagnostic.js";

/**
 * Applies edits to text. Overlapping edits are skipped (the later one loses), so applying the
 * fixes of many diagnostics at once never garbles the text; a second round picks up the rest.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset,
  );
  let result = "";
  let cursor = 0;
  const applied = new Set<string>();
  for (const edit of sorted) {
    const key = `${edit.range.start.offset}:${edit.range.end.offset}:${edit.newText}`;
    if (applied.has(key) || edit.range.start.offset < cursor) continue;
    applied.add(key);
    result += text.slice(cursor, edit.range.start.offset) + edit.newText;
    cursor = edit.range.end.offset;
  }
  return result + text.slice(cursor);
}

/** Every edit of the first fix of each diagnostic that has one: what "fix all" and `check --fix` apply. */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  return diagnostics.flatMap((d) => d.fixes?.[0]?.edits ?? []);
}
