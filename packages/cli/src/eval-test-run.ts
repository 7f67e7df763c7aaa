import { relative } from "node:path";
import { claimTypeWarnings, type ClaimValue } from "@maa-policy/parser";
import { loadPolicy as compile, type CompiledPolicy, type EvaluationResult } from "@maa-policy/evaluator";
import { readPolicyFile } from "./read-policy.js";
import { coverageOf, type Coverage } from "./eval-test-coverage.js";
import { jsonReport, textReport, type CaseReport } from "./eval-test-report.js";
import { findTestFiles, readTestFile, type TestCase } from "./eval-test-file.js";
import { ExitCode } from "./exit-codes.js";
import { styleFor } from "./output/display.js";
import { formatText } from "./output/text.js";
import { UsageError, writeOutput } from "./io.js";

export interface TestOptions {
  coverage?: boolean;
  verbose?: boolean;
  format: "text" | "json";
  /** `--run`: only the cases whose name this matches. */
  run?: RegExp;
  /** `--threshold`: the least coverage, in percent, that passes. */
  threshold?: number;
  output?: string;
}

export async function runTests(paths: readonly string[], options: TestOptions): Promise<number> {
  const files = await findTestFiles(paths);
  if (files.length === 0)
    throw new UsageError(`no test files (*.test.yaml, *.test.yml, *.test.json) under ${paths.join(", ")}`);
  const policies = new Map<string, CompiledPolicy | undefined>();
  const coverage: Coverage = new Map();
  const cases: CaseReport[] = [];
  let invalid = false;
  for (const path of files) {
    const file = await readTestFile(path);
    const selected = file.cases.filter((testCase) => options.run?.test(testCase.name) ?? true);
    if (selected.length === 0) continue;
    const policy = await compiled(file.policyPath, policies);
    if (!policy) {
      invalid = true;
      continue;
    }
    for (const testCase of selected) {
      for (const warning of claimTypeWarnings(testCase.claims))
        process.stdout.write(`warning ${relative(".", path)}: ${testCase.name}: ${warning}
`);
      const result = policy.evaluate(testCase.claims);
      coverage.set(file.policyPath, [...(coverage.get(file.policyPath) ?? []), result]);
      cases.push({
        file: relative(".", path),
        name: testCase.name,
        problems: compare(testCase, result),
        result,
      });
    }
  }
  if (options.run && cases.length === 0 && !invalid)
    throw new UsageError(`no test case matches --run ${JSON.stringify(options.run.source)}`);
  const covered = options.coverage ? coverageOf(coverage, policies) : undefined;
  const report = options.format === "json" ? jsonReport(cases, covered) : textReport(cases, covered, options);
  if (options.output) await writeOutput(options.output, report);
  else process.stdout.write(report);
  if (invalid) return ExitCode.Invalid;
  if (cases.some((c) => c.problems.length > 0)) return ExitCode.Denied;
  const below = options.threshold !== undefined && covered && covered.percent < options.threshold;
  return below ? ExitCode.Invalid : ExitCode.Ok;
}

/** Compiled once per policy file; undefined (after printing check's diagnostics) when invalid. */
async function compiled(
  path: string,
  cache: Map<string, CompiledPolicy | undefined>,
): Promise<CompiledPolicy | undefined> {
  if (cache.has(path)) return cache.get(path);
  const text = await readPolicyFile(path);
  if (typeof text !== "string") throw text.error;
  const loaded = await compile(text);
  if (!loaded.ok)
    process.stderr.write(
      formatText([{ path: relative(".", path), analysis: loaded.analysis }], styleFor(process.stderr)),
    );
  const policy = loaded.ok ? loaded.policy : undefined;
  cache.set(path, policy);
  return policy;
}

/** Actual against expected: one line per difference, issued claims as a -expected/+actual diff. */
function compare(testCase: TestCase, result: EvaluationResult): string[] {
  const problems: string[] = [];
  if (result.outcome !== testCase.outcome)
    problems.push(
      `outcome: expected ${testCase.outcome}, got ${result.outcome}${result.error ? ` (${result.error.message})` : ""}`,
    );
  if (testCase.error !== undefined && result.error?.message !== testCase.error) {
    problems.push(
      `error: expected ${JSON.stringify(testCase.error)}`,
      `       got      ${result.error ? JSON.stringify(result.error.message) : "no error"}`,
    );
  }
  if (testCase.issued) {
    const actual = result.issued.map((c): [string, ClaimValue] => [c.type, c.value]);
    const missing = without(testCase.issued, actual);
    const extra = without(actual, testCase.issued);
    if (missing.length + extra.length > 0) {
      problems.push("issued claims differ (- expected, + actual):");
      for (const [type, value] of missing) problems.push(`  - ${type}: ${JSON.stringify(value)}`);
      for (const [type, value] of extra) problems.push(`  + ${type}: ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

/** Multiset difference of (type, value) pairs. */
function without(
  from: readonly (readonly [string, ClaimValue])[],
  remove: readonly (readonly [string, ClaimValue])[],
): (readonly [string, ClaimValue])[] {
  const left = [...remove];
  return from.filter(([type, value]) => {
    const i = left.findIndex(([t, v]) => t === type && v === value);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}
