import type { RuleTrace } from "@maa-policy/evaluator";
import type { Position } from "@maa-policy/parser";
import { RangeSetBuilder, StateEffect, StateField, type Text } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

/**
 * The last evaluation's rules marked in the editor, like the extension's inlay hints: a line
 * decoration on each line of a rule that fired (or failed), kept in place while the text is edited
 * until the next evaluation replaces them.
 */
export interface RuleMark {
  readonly from: number;
  readonly to: number;
  readonly state: "fired" | "error" | "not-fired";
}

export const setRuleMarks = StateEffect.define<readonly RuleMark[]>();

export const ruleMarks = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    for (const effect of transaction.effects)
      if (effect.is(setRuleMarks)) return build(transaction.state.doc, effect.value);
    return marks.map(transaction.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

function build(doc: Text, marks: readonly RuleMark[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const lines = new Map<number, RuleMark["state"]>();
  for (const mark of marks) {
    if (mark.to > doc.length) continue;
    for (let line = doc.lineAt(mark.from).number; line <= doc.lineAt(mark.to).number; line++)
      if (lines.get(line) !== "error" && lines.get(line) !== "fired") lines.set(line, mark.state);
  }
  for (const [line, state] of [...lines].sort((a, b) => a[0] - b[0])) {
    const title =
      state === "fired"
        ? "this rule fired"
        : state === "error"
          ? "this rule failed"
          : "this rule did not fire";
    builder.add(
      doc.line(line).from,
      doc.line(line).from,
      Decoration.line({ class: `cm-rule-${state}`, attributes: { title } }),
    );
  }
  return builder.finish();
}

/**
 * Rule ranges by line and UTF-16 character of the evaluated text, which is the editor's text
 * (lines rather than offsets: the editor counts a CRLF as one position).
 */
export function marksFromTrace(doc: Text, trace: readonly RuleTrace[]): RuleMark[] {
  const at = ({ line, character }: Position) =>
    line < doc.lines ? Math.min(doc.line(line + 1).from + character, doc.line(line + 1).to) : doc.length;
  return trace.map((rule) => ({
    from: at(rule.range.start),
    to: at(rule.range.end),
    state: rule.error ? "error" : rule.fired ? "fired" : "not-fired",
  }));
}
