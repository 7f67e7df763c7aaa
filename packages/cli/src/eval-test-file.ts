import { readdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Claim, ClaimValue } from "@maa-policy/parser";
import { claimsFromJson, parseClaims, type Outcome } from "@maa-policy/evaluator";
import { schemaProblem } from "./eval-test-schema.js";
import { readYaml } from "./eval-test-yaml.js";
import { describeReadError, readError, readInput, UsageError } from "./io.js";

/** One case of a test file, with its claims already read. */
export interface TestCase {
  readonly name: string;
  readonly claims: readonly Claim[];
  readonly outcome: Outcome;
  /** Exactly these claims (type, value), in any order; unchecked when absent. */
  readonly issued: readonly (readonly [string, ClaimValue])[] | undefined;
  /** The PolicyEvaluationError message, exactly. */
  readonly error: string | undefined;
}

export interface TestFile {
  readonly path: string;
  readonly policyPath: string;
  readonly cases: readonly TestCase[];
}

const TEST_FILE = /\.test\.(ya?ml|json)$/;

/** The test files under `paths` (files as given, directories searched), sorted. */
export async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw readError(path, error);
    });
    if (!info.isDirectory()) found.push(path);
    else
      for (const entry of await readdir(path, { recursive: true }))
        if (TEST_FILE.test(entry) && !entry.split(/[\\/]/).includes("node_modules"))
          found.push(join(path, entry));
  }
  return found.sort();
}

/** What the schema guarantees of a test file once it validates (schema/policy-test.schema.json). */
interface TestFileData {
  readonly policy: string;
  readonly tests: readonly {
    readonly name?: string;
    readonly claims?: unknown;
    readonly claimsFile?: string;
    readonly expect?: { readonly outcome?: Outcome; readonly issued?: object; readonly error?: string };
  }[];
}

/** Reads and validates one test file; every problem is a UsageError naming the file and the place. */
export async function readTestFile(path: string): Promise<TestFile> {
  const text = await readInput(path).catch((error: unknown) => {
    throw readError(path, error);
  });
  const yaml = await readYaml(path, text);
  const problem = schemaProblem(yaml.data);
  if (problem) throw new UsageError(problem.message, `${path}${yaml.locate(problem.path, problem.key)}`);
  const data = yaml.data as TestFileData;
  const base = dirname(path);
  const cases: TestCase[] = [];
  for (const [i, entry] of data.tests.entries()) {
    // Claims and issued claims are checked by the evaluator's reader, which names the claim at fault.
    const fail = (at: readonly string[], message: string): never => {
      throw new UsageError(`tests[${i}]: ${message}`, `${path}${yaml.locate(["tests", i, ...at])}`);
    };
    const claims = await readClaims(entry, base, (message) =>
      fail([entry.claims === undefined ? "claimsFile" : "claims"], message),
    );
    const issued = entry.expect?.issued;
    cases.push({
      name: entry.name ?? `case ${i + 1}`,
      claims,
      outcome: entry.expect?.outcome ?? "permit",
      issued:
        issued === undefined
          ? undefined
          : expectedIssued(issued, (m) => fail(["expect", "issued"], `expect.issued: ${m}`)),
      error: entry.expect?.error,
    });
  }
  return { path, policyPath: resolve(base, data.policy), cases };
}

async function readClaims(
  entry: TestFileData["tests"][number],
  base: string,
  fail: (message: string) => never,
): Promise<Claim[]> {
  let result;
  if (entry.claimsFile !== undefined) {
    const file = resolve(base, entry.claimsFile);
    const text = await readInput(file).catch((error: unknown) =>
      fail(`${file}: ${describeReadError(error)}`),
    );
    result = parseClaims(text);
  } else result = typeof entry.claims === "string" ? parseClaims(entry.claims) : claimsFromJson(entry.claims);
  return result.ok ? result.claims : fail(`claims: ${result.error.message}`);
}

/** `{type: value}` or `{type: [values]}`: the issued claims, as (type, value) pairs. */
function expectedIssued(value: object, fail: (message: string) => never): [string, ClaimValue][] {
  const parsed = claimsFromJson(value);
  return parsed.ok ? parsed.claims.map((c) => [c.type, c.value]) : fail(parsed.error.message);
}
