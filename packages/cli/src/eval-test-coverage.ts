import { relative } from "node:path";
import type { CompiledPolicy, EvaluationResult } from "@maa-policy/evaluator";
import { displayPosition } from "./format/display.js";

/** Every evaluation of each policy (by path) during a test run. */
export type Coverage = Map<string, EvaluationResult[]>;

/** `--coverage`: per policy, how many rules fired in some case, and each rule that never did. */
export function formatCoverage(
  coverage: Coverage,
  policies: ReadonlyMap<string, CompiledPolicy | undefined>,
): string {
  const out: string[] = [];
  for (const [path, results] of coverage) {
    const policy = policies.get(path);
    if (!policy) continue;
    const fired = new Set<string>();
    for (const result of results)
      for (const rule of result.trace ?? []) if (rule.fired) fired.add(`${rule.section}/${rule.index}`);
    const rules = policy.sections.flatMap((s) => s.rules);
    const name = relative(".", path);
    out.push(
      `coverage: ${name}: ${rules.filter((r) => fired.has(`${r.section}/${r.index}`)).length}/${rules.length} rules fired`,
    );
    for (const rule of rules) {
      if (fired.has(`${rule.section}/${rule.index}`)) continue;
      const { line, column } = displayPosition(rule.node.range.start);
      out.push(`  ${name}:${line}:${column}: ${rule.section} rule ${rule.index + 1} never fired`);
    }
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
