import { jsonValueTooDeepAt, MAX_JSON_DEPTH, type ClaimValue, type Range } from "@maa-policy/parser";
import { readStrictJson } from "@maa-policy/parser/json";
import type { Budget } from "./budget.js";
import { fault } from "./fault.js";
import { MAX_STRING_LENGTH } from "./limits.js";
import type { JmesPathEngine } from "./jmespath.js";
import { describeValue, sameValue, single, typeName, withArticle, type Values } from "./values.js";

/** The six functions of policy version 1.2 (spec §1.6); their signatures are the parser's `FUNCTIONS` table. */
export type FunctionName =
  "JmesPath" | "JsonToClaimValue" | "IsSubsetOf" | "AppendString" | "NegateBool" | "ContainsOnlyValue";

export interface FunctionContext {
  readonly jmespath: JmesPathEngine | undefined;
  /** One range per argument, for error messages. */
  readonly argumentRanges: readonly Range[];
  readonly budget: Budget;
}

export type Implementation = (args: readonly Values[], context: FunctionContext) => Values;

export const IMPLEMENTATIONS: Readonly<Record<FunctionName, Implementation>> = {
  JmesPath: jmesPath,
  JsonToClaimValue: jsonToClaimValue,
  IsSubsetOf: isSubsetOf,
  AppendString: appendString,
  NegateBool: negateBool,
  ContainsOnlyValue: containsOnlyValue,
};

/**
 * The scalar functions applied to a Set apply to each element (to each combination, for two
 * Set arguments), giving a Set: the same rule that makes an action given a Set issue one claim
 * per element (docs/semantics.md, "Sets as function arguments").
 */
function mapScalars(
  args: readonly Values[],
  budget: Budget,
  f: (values: ClaimValue[]) => readonly ClaimValue[],
): Values {
  const readOnly = args.some((a) => a.readOnly);
  if (args.every((a) => a.items.length === 1)) {
    const result = f(args.map((a) => a.items[0]));
    return result.length === 1 ? single(result[0], readOnly) : { items: result, readOnly };
  }
  const out: ClaimValue[] = [];
  const combine = (index: number, chosen: ClaimValue[]): void => {
    if (index === args.length) {
      const values = f(chosen);
      budget.values(out.length + values.length);
      for (const value of values) out.push(value);
      return;
    }
    for (const item of args[index].items) combine(index + 1, [...chosen, item]);
  };
  combine(0, []);
  return { items: out, readOnly };
}

function expectType<T extends ClaimValue>(
  value: ClaimValue,
  type: "String" | "Integer" | "Boolean",
  where: string,
  range: Range | undefined,
): T {
  if (typeName(value) !== type)
    fault(
      `${where} must be ${withArticle(type)}, but is the ${typeName(value)} ${describeValue(value)}.`,
      range,
    );
  return value as T;
}

function jmesPath(args: readonly Values[], context: FunctionContext): Values {
  const [dataRange, queryRange] = context.argumentRanges;
  return mapScalars(args, context.budget, ([json, query]) => {
    const text = expectType<string>(json, "String", "JmesPath's first argument (the JSON)", dataRange);
    const q = expectType<string>(query, "String", "JmesPath's second argument (the query)", queryRange);
    if (text.trim() === "")
      fault("JmesPath's first argument must be non-empty JSON, but is an empty string.", dataRange);
    if (q.trim() === "")
      fault(
        "JmesPath's second argument must be a non-empty JMESPath query, but is an empty string.",
        queryRange,
      );
    const data = parseJson(text, "JmesPath's first argument", dataRange);
    if (!context.jmespath)
      fault("JmesPath is not available: the policy was compiled without the JMESPath engine.");
    const found = context.jmespath.search(data, q);
    if ("error" in found)
      fault(
        `JmesPath's query ${JSON.stringify(q)} ${SEARCH_FAILURE[found.kind]}: ${found.error}`,
        queryRange,
      );
    const result = found.value;
    // "The search always returns a valid JSON as output": a missing path is the text `null`. A
    // query can build a result deeper than its input (a literal in backquotes).
    if (jsonValueTooDeepAt(result) !== undefined)
      fault(`JmesPath's result is JSON nested more than ${MAX_JSON_DEPTH} deep.`, queryRange);
    return [JSON.stringify(result ?? null)];
  });
}

const SEARCH_FAILURE = {
  syntax: "is not valid JMESPath",
  refused: "is refused",
  runtime: "failed",
  limit: "was stopped",
} as const;

function jsonToClaimValue(args: readonly Values[], context: FunctionContext): Values {
  const range = context.argumentRanges[0];
  return mapScalars(args, context.budget, ([json]) => {
    const text = expectType<string>(json, "String", "JsonToClaimValue's argument", range);
    return toClaimValues(parseJson(text, "JsonToClaimValue's argument", range), range);
  });
}

/** integer, boolean, string: one value; array of those: a Set (duplicates kept); null: no value. */
function toClaimValues(data: unknown, range: Range | undefined): readonly ClaimValue[] {
  if (data === null) return [];
  if (Array.isArray(data)) {
    return data.map((element, i) => {
      if (element === null || typeof element === "object") {
        fault(
          `JsonToClaimValue: element ${i} of the array is ${element === null ? "null" : Array.isArray(element) ? "an array" : "an object"}; only an array of strings, integers and booleans is a Set.`,
          range,
        );
      }
      return scalar(element, range);
    });
  }
  if (typeof data === "object") fault("JsonToClaimValue: a JSON object is not a claim value.", range);
  return [scalar(data, range)];
}

function scalar(data: unknown, range: Range | undefined): ClaimValue {
  if (typeof data === "number" && !Number.isSafeInteger(data)) {
    fault(
      `JsonToClaimValue: ${String(data)} is not an integer claim value${Number.isInteger(data) ? " (out of range)" : ""}.`,
      range,
    );
  }
  return data as ClaimValue;
}

function isSubsetOf(args: readonly Values[]): Values {
  const [subset, superset] = args as [Values, Values];
  // Claim values are strings, integers and booleans, for which a Set's SameValueZero is sameValue.
  const members = new Set(superset.items);
  return single(subset.items.every((a) => members.has(a)));
}

function appendString(args: readonly Values[], context: FunctionContext): Values {
  const [leftRange, rightRange] = context.argumentRanges;
  return mapScalars(args, context.budget, ([a, b]) => {
    const left = expectType<string>(a, "String", "AppendString's first argument", leftRange);
    const right = expectType<string>(b, "String", "AppendString's second argument", rightRange);
    if (left.length + right.length > MAX_STRING_LENGTH)
      fault(
        `AppendString would make a string of ${left.length + right.length} characters; the limit is ${MAX_STRING_LENGTH}.`,
      );
    context.budget.characters(left.length + right.length);
    return [left + right];
  });
}

function negateBool(args: readonly Values[], context: FunctionContext): Values {
  return mapScalars(args, context.budget, ([b]) => [
    !expectType<boolean>(b, "Boolean", "NegateBool's argument", context.argumentRanges[0]),
  ]);
}

function containsOnlyValue(args: readonly Values[], context: FunctionContext): Values {
  const [set, expected] = args as [Values, Values];
  if (expected.items.length !== 1) {
    fault(
      `ContainsOnlyValue's second argument must be a single value, but has ${expected.items.length}.`,
      context.argumentRanges[1],
    );
  }
  const value = expected.items[0];
  return single(set.items.length > 0 && set.items.every((item) => sameValue(item, value)));
}

/** JSON text in a claim value, read by the one strict reader; the engine's own words on failure. */
function parseJson(text: string, where: string, range: Range | undefined): unknown {
  const read = readStrictJson(text);
  if (read.ok) return read.value;
  // Duplicate keys are not refused here (JSON.parse keeps the last), so a failure is one of two.
  return read.fault === "syntax"
    ? fault(`${where} is not valid JSON: ${read.engineMessage}`, range)
    : fault(`${where} is JSON nested more than ${MAX_JSON_DEPTH} deep.`, range);
}
