import { relative } from "node:path";
import type { CompiledPolicy, EvaluationResult } from "@maa-policy/evaluator";
import { displayPosition } from "./output/display.js";

/** Every evaluation of each policy (by path) during a test run. */
export type Coverage = Map<string, EvaluationResult[]>;

/** A rule that fired in no case, where it is (1-based, as printed). */
export interface UncoveredRule {
  readonly section: string;
  readonly rule: number;
  readonly line: number;
  readonly column: number;
}

export interface PolicyCoverage {
  readonly policy: string;
  readonly fired: number;
  readonly rules: number;
  readonly neverFired: readonly UncoveredRule[];
}

/** `--coverage`: per policy, the rules that fired in some case; `percent` over every rule of every policy. */
export interface CoverageReport {
  readonly percent: number;
  readonly policies: readonly PolicyCoverage[];
}

export function coverageOf(
  coverage: Coverage,
  policies: ReadonlyMap<string, CompiledPolicy | undefined>,
): CoverageReport {
  const reports: PolicyCoverage[] = [];
  for (const [path, results] of coverage) {
    const policy = policies.get(path);
    if (!policy) continue;
    const fired = new Set<string>();
    for (const result of results)
      for (const rule of result.trace ?? []) if (rule.fired) fired.add(`${rule.section}/${rule.index}`);
    const rules = policy.sections.flatMap((s) => s.rules);
    const neverFired = rules
      .filter((rule) => !fired.has(`${rule.section}/${rule.index}`))
      .map((rule) => ({
        section: rule.section,
        rule: rule.index + 1,
        ...displayPosition(rule.node.range.start),
      }));
    reports.push({
      policy: relative(".", path),
      fired: rules.length - neverFired.length,
      rules: rules.length,
      neverFired,
    });
  }
  const all = reports.reduce((sum, report) => sum + report.rules, 0);
  const fired = reports.reduce((sum, report) => sum + report.fired, 0);
  // A run with no rules at all covers everything it could.
  return { percent: all === 0 ? 100 : (100 * fired) / all, policies: reports };
}

/** The text form: per policy, how many rules fired, and each rule that never did. */
export function formatCoverage(report: CoverageReport): string {
  const out: string[] = [];
  for (const { policy, fired, rules, neverFired } of report.policies) {
    out.push(`coverage: ${policy}: ${fired}/${rules} rules fired`);
    for (const rule of neverFired)
      out.push(`  ${policy}:${rule.line}:${rule.column}: ${rule.section} rule ${rule.rule} never fired`);
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
