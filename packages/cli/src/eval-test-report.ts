import type { EvaluationResult } from "@maa-policy/evaluator";
import type { TestOptions } from "./eval-test-run.js";
import { formatCoverage, type CoverageReport } from "./eval-test-coverage.js";
import { styleFor } from "./output/display.js";
import { runOptions } from "./run-options.js";

/** One case after it ran: `problems` is empty when it passed. */
export interface CaseReport {
  readonly file: string;
  readonly name: string;
  readonly problems: readonly string[];
  readonly result: EvaluationResult;
}

/** FAIL lines (and PASS with --verbose), a summary, the coverage and, under it, the threshold. */
export function textReport(
  cases: readonly CaseReport[],
  coverage: CoverageReport | undefined,
  options: TestOptions,
): string {
  const style = styleFor(process.stdout);
  const out: string[] = [];
  for (const { file, name, problems } of cases) {
    if (problems.length === 0 && !options.verbose) continue;
    const label = problems.length === 0 ? "PASS" : style.severity("error", "FAIL");
    out.push(`${label} ${file}: ${name}\n${problems.map((p) => `  ${p}\n`).join("")}`);
  }
  const failed = cases.filter((c) => c.problems.length > 0).length;
  const passed = cases.length - failed;
  const below =
    options.threshold !== undefined && coverage !== undefined && coverage.percent < options.threshold;
  if (runOptions.quiet) {
    if (below) out.push(thresholdLine(coverage, options.threshold!));
    return out.join("");
  }
  out.push(`${"-".repeat(80)}\n`);
  if (passed > 0) out.push(`PASS: ${passed}/${cases.length}\n`);
  if (failed > 0) out.push(`FAIL: ${failed}/${cases.length}\n`);
  if (coverage) out.push(formatCoverage(coverage));
  if (coverage && options.threshold !== undefined)
    out.push(
      below
        ? thresholdLine(coverage, options.threshold)
        : `coverage: ${percent(coverage)} (threshold ${options.threshold}%)\n`,
    );
  return out.join("");
}

function thresholdLine(coverage: CoverageReport, threshold: number): string {
  return `coverage: ${percent(coverage)} is below the threshold of ${threshold}%\n`;
}

const percent = (coverage: CoverageReport) => `${Number(coverage.percent.toFixed(2))}%`;

/** `--format json`: every case with its actual result, the counts, and the coverage when asked. */
export function jsonReport(cases: readonly CaseReport[], coverage: CoverageReport | undefined): string {
  const failed = cases.filter((c) => c.problems.length > 0).length;
  const report = {
    passed: cases.length - failed,
    failed,
    total: cases.length,
    cases: cases.map(({ file, name, problems, result }) => ({
      file,
      name,
      passed: problems.length === 0,
      problems,
      actual: {
        outcome: result.outcome,
        issued: result.issued.map(({ type, value }) => ({ type, value })),
        ...(result.error ? { error: result.error } : {}),
      },
    })),
    ...(coverage ? { coverage } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
