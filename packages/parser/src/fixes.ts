import type { Diagnostic, Fix, TextEdit } from "./diagnostic.js";

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

/**
 * The fix `check --fix` and "fix all" apply for a diagnostic: its only fix, when that one keeps
 * the meaning. Several candidates, or a fix that changes what the policy does, are offered only.
 */
export function automaticFix(diagnostic: Diagnostic): Fix | undefined {
  const fixes = diagnostic.fixes ?? [];
  return fixes.length === 1 && !fixes[0].offerOnly ? fixes[0] : undefined;
}

/** Every edit of the automatic fix of each diagnostic: what "fix all" and `check --fix` apply. */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  return diagnostics.flatMap((d) => automaticFix(d)?.edits ?? []);
}
