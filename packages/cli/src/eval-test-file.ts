import { readdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Claim, ClaimValue } from "@maa-policy/parser";
import { claimsFromJson, parseClaims, type Outcome } from "@maa-policy/evaluator";
import { describeReadError, readInput, UsageError } from "./io.js";

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
const OUTCOMES: readonly Outcome[] = ["permit", "deny", "no-permit", "error"];

/** The test files under `paths` (files as given, directories searched), sorted. */
export async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new UsageError(describeReadError(path, error));
    });
    if (!info.isDirectory()) found.push(path);
    else
      for (const entry of await readdir(path, { recursive: true }))
        if (TEST_FILE.test(entry) && !entry.split(/[\\/]/).includes("node_modules"))
          found.push(join(path, entry));
  }
  return found.sort();
}

/** Reads and validates one test file; every problem is a UsageError naming the file and the place. */
export async function readTestFile(path: string): Promise<TestFile> {
  const text = await readInput(path).catch((error: unknown) => {
    throw new UsageError(describeReadError(path, error));
  });
  const { parse, YAMLParseError } = await import("yaml");
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0];
    // yaml repeats the position in words at the end of its first line; the prefix already says it.
    // Its parser recurses, and on nesting deep enough it passes the engine's stack overflow on.
    const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const message = /Maximum call stack/.test(first) ? "the YAML is nested too deeply to read" : first;
    throw new UsageError(`${path}${at ? `:${at.line}:${at.col}` : ""}: ${message}`);
  }
  const fail = (where: string, message: string): never => {
    throw new UsageError(`${path}: ${where}: ${message}`);
  };
  if (!isObject(data)) return fail("$", "a test file is an object with `policy` and `tests`");
  if (typeof data.policy !== "string")
    return fail("policy", "the policy file's path (relative to this file) is required");
  if (!Array.isArray(data.tests) || data.tests.length === 0)
    return fail("tests", "a non-empty list of cases is required");
  const base = dirname(path);
  const cases: TestCase[] = [];
  for (const [i, entry] of data.tests.entries()) {
    const where = `tests[${i}]`;
    if (!isObject(entry))
      return fail(where, "a case is an object with name, claims (or claimsFile) and expect");
    const name = typeof entry.name === "string" ? entry.name : `case ${i + 1}`;
    const claims = await readClaims(entry, base, (message) => fail(where, message));
    const expect: Record<string, unknown> =
      entry.expect === undefined
        ? {}
        : isObject(entry.expect)
          ? entry.expect
          : fail(`${where}.expect`, "an object");
    const outcome = expect.outcome ?? "permit";
    if (!OUTCOMES.includes(outcome as Outcome))
      return fail(`${where}.expect.outcome`, `one of ${OUTCOMES.join(", ")}`);
    if (expect.error !== undefined && typeof expect.error !== "string")
      return fail(`${where}.expect.error`, "the exact error message, a string");
    cases.push({
      name,
      claims,
      outcome: outcome as Outcome,
      issued:
        expect.issued === undefined
          ? undefined
          : expectedIssued(expect.issued, (m) => fail(`${where}.expect.issued`, m)),
      error: expect.error,
    });
  }
  return { path, policyPath: resolve(base, data.policy), cases };
}

async function readClaims(
  entry: Record<string, unknown>,
  base: string,
  fail: (message: string) => never,
): Promise<Claim[]> {
  let result;
  if (typeof entry.claimsFile === "string") {
    const file = resolve(base, entry.claimsFile);
    const text = await readInput(file).catch((error: unknown) => fail(describeReadError(file, error)));
    result = parseClaims(text);
  } else if (typeof entry.claims === "string") result = parseClaims(entry.claims);
  else if (entry.claims !== undefined) result = claimsFromJson(entry.claims);
  else return fail("`claims` (an object, a list or a token) or `claimsFile` is required");
  return result.ok ? result.claims : fail(`claims: ${result.error.message}`);
}

/** `{type: value}` or `{type: [values]}`: the issued claims, as (type, value) pairs. */
function expectedIssued(value: unknown, fail: (message: string) => never): [string, ClaimValue][] {
  if (!isObject(value)) return fail("an object of claim type to value (or list of values)");
  const parsed = claimsFromJson(value);
  return parsed.ok ? parsed.claims.map((c) => [c.type, c.value]) : fail(parsed.error.message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
