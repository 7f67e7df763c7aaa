import { describe, expect, test } from "vitest";
import type { ClaimValue } from "@maa-policy/parser";
import { pairs, run, runUnchecked } from "./helpers.js";

/** A 1.2 policy that adds `Result` from `expression`, with `c` bound to the `in` claims when the expression uses it. */
const policy = (expression: string) =>
  `version=1.2; authorizationrules { => permit(); }; issuancerules { ${expression.includes("c.value") ? 'c:[type=="in"] ' : ""}=> issue(type="Result", value=${expression}); };`;

const JSON_DOC = JSON.stringify({ foo: "bar", n: 3, list: [1, 2], deep: { Path: "\\windows\\x" } });

describe("the six functions (spec §1.6): valid uses", () => {
  test.each<[string, string, Record<string, unknown>, ClaimValue[]]>([
    // JmesPath returns JSON text; a missing path is the text null.
    ["JmesPath string", 'JmesPath("{\\"foo\\": \\"bar\\"}", "foo")', {}, ['"bar"']],
    ["JmesPath on a claim", 'JmesPath(c.value, "n")', { in: JSON_DOC }, ["3"]],
    ["JmesPath missing path", 'JmesPath(c.value, "nothing")', { in: JSON_DOC }, ["null"]],
    ["JmesPath array result", 'JmesPath(c.value, "list")', { in: JSON_DOC }, ["[1,2]"]],
    [
      "JmesPath equals_ignore_case",
      "JmesPath(c.value, \"equals_ignore_case(deep.Path, '\\\\WINDOWS\\\\X')\")",
      { in: JSON_DOC },
      ["true"],
    ],
    [
      "JmesPath equals_ignore_case on a non-string",
      "JmesPath(c.value, \"equals_ignore_case(n, '3')\")",
      { in: JSON_DOC },
      ["false"],
    ],
    [
      "JmesPath filter (corpus 12 style)",
      'JmesPath(c.value, "list[? @ > `1`] | length(@) == `1`")',
      { in: JSON_DOC },
      ["true"],
    ],
    ["JsonToClaimValue integer", 'JsonToClaimValue("42")', {}, [42]],
    ["JsonToClaimValue negative integer", 'JsonToClaimValue("-7")', {}, [-7]],
    ["JsonToClaimValue boolean", 'JsonToClaimValue("true")', {}, [true]],
    ["JsonToClaimValue string", 'JsonToClaimValue("\\"abc\\"")', {}, ["abc"]],
    [
      "JsonToClaimValue array is a Set; its duplicate is issued once (spec §8.1)",
      'JsonToClaimValue("[0, \\"abc\\", true, 0]")',
      {},
      [0, "abc", true],
    ],
    ["JsonToClaimValue null is no value: issue is a no-op", 'JsonToClaimValue("null")', {}, []],
    ["JsonToClaimValue empty array is no value", 'JsonToClaimValue("[]")', {}, []],
    ["JsonToClaimValue of JmesPath", 'JsonToClaimValue(JmesPath(c.value, "list"))', { in: JSON_DOC }, [1, 2]],
    ["IsSubsetOf true", 'IsSubsetOf(c.value, JsonToClaimValue("[1, 2, 3]"))', { in: [1, 2] }, [true]],
    ["IsSubsetOf false", 'IsSubsetOf(c.value, JsonToClaimValue("[1, 3]"))', { in: [1, 2] }, [false]],
    [
      "IsSubsetOf heterogeneous, no coercion",
      'IsSubsetOf(c.value, JsonToClaimValue("[\\"1\\", 2]"))',
      { in: [1, 2] },
      [false],
    ],
    ["IsSubsetOf of the empty set", 'IsSubsetOf(JsonToClaimValue("[]"), c.value)', { in: [1] }, [true]],
    ["AppendString", 'AppendString("ab", "cd")', {}, ["abcd"]],
    ["AppendString empty strings", 'AppendString("", "")', {}, [""]],
    [
      "AppendString nested (corpus 17)",
      'AppendString(AppendString("Seq < ", c.value), "]")',
      { in: "5" },
      ["Seq < 5]"],
    ],
    ["NegateBool", "NegateBool(c.value)", { in: true }, [false]],
    ["ContainsOnlyValue true", "ContainsOnlyValue(c.value, true)", { in: [true, true] }, [true]],
    ["ContainsOnlyValue false", "ContainsOnlyValue(c.value, true)", { in: [true, false] }, [false]],
    [
      "ContainsOnlyValue of the empty set is false",
      'ContainsOnlyValue(JsonToClaimValue("[]"), 1)',
      {},
      [false],
    ],
    ["ContainsOnlyValue does not coerce", 'ContainsOnlyValue(c.value, "1")', { in: [1] }, [false]],
  ])("%s", async (_name, expression, input, expected) => {
    const result = await run(policy(expression), input);
    expect(result.error).toBeUndefined();
    expect(pairs(result.issued)).toEqual(expected.map((v) => ["Result", v]));
  });
});

describe("the six functions: runtime errors are PolicyEvaluationErrors naming the rule", () => {
  test.each<[string, string, Record<string, unknown>, string]>([
    [
      "JmesPath on text that is not JSON",
      'JmesPath(c.value, "a")',
      { in: "{not json" },
      "JmesPath's first argument is not valid JSON",
    ],
    [
      "JmesPath on JSON nested deeper than the limit",
      'JmesPath(c.value, "@")',
      { in: `${"[".repeat(100_000)}${"]".repeat(100_000)}` },
      "JmesPath's first argument is JSON nested more than 256 deep.",
    ],
    [
      "JmesPath whose query builds a result deeper than the limit",
      `JmesPath("{}", "\`${"[".repeat(5_000)}${"]".repeat(5_000)}\`")`,
      {},
      "JmesPath's result is JSON nested more than 256 deep.",
    ],
    [
      "JmesPath on an empty string",
      'JmesPath(c.value, "a")',
      { in: "" },
      "JmesPath's first argument must be non-empty JSON, but is an empty string.",
    ],
    [
      "JmesPath with an empty query",
      'JmesPath(c.value, AppendString("", ""))',
      { in: JSON_DOC },
      "JmesPath's second argument must be a non-empty JMESPath query, but is an empty string.",
    ],
    [
      "JmesPath with an invalid query",
      'JmesPath(c.value, "foo[")',
      { in: JSON_DOC },
      'JmesPath\'s query "foo[" is not valid JMESPath',
    ],
    [
      "JmesPath on an Integer",
      'JmesPath(c.value, "a")',
      { in: 1 },
      "JmesPath's first argument (the JSON) must be a String, but is the Integer 1.",
    ],
    [
      "JsonToClaimValue of a fraction",
      'JsonToClaimValue("1.5")',
      {},
      "JsonToClaimValue: 1.5 is not an integer claim value.",
    ],
    [
      "JsonToClaimValue of an object",
      'JsonToClaimValue("{}")',
      {},
      "JsonToClaimValue: a JSON object is not a claim value.",
    ],
    [
      "JsonToClaimValue of an array of objects",
      'JsonToClaimValue("[1, {}]")',
      {},
      "JsonToClaimValue: element 1 of the array is an object; only an array of strings, integers and booleans is a Set.",
    ],
    [
      "JsonToClaimValue of an array with null",
      'JsonToClaimValue("[null]")',
      {},
      "JsonToClaimValue: element 0 of the array is null; only an array of strings, integers and booleans is a Set.",
    ],
    [
      "JsonToClaimValue of a huge integer",
      'JsonToClaimValue("9007199254740993")',
      {},
      "JsonToClaimValue: 9007199254740992 is not an integer claim value (out of range).",
    ],
    [
      "JsonToClaimValue of text that is not JSON",
      "JsonToClaimValue(c.value)",
      { in: "nope" },
      "JsonToClaimValue's argument is not valid JSON",
    ],
    [
      "AppendString of an Integer",
      'AppendString(c.value, "x")',
      { in: 1 },
      "AppendString's first argument must be a String, but is the Integer 1.",
    ],
    [
      "NegateBool of a String",
      "NegateBool(c.value)",
      { in: "true" },
      'NegateBool\'s argument must be a Boolean, but is the String "true".',
    ],
    [
      "ContainsOnlyValue with a Set as the value",
      "ContainsOnlyValue(c.value, c.value)",
      { in: [1, 2] },
      "ContainsOnlyValue's second argument must be a single value, but has 2.",
    ],
  ])("%s", async (_name, expression, input, message) => {
    const result = await runUnchecked(policy(expression), input);
    expect(result.outcome).toBe("error");
    expect(result.error?.code).toBe("PolicyEvaluationError");
    expect(result.error?.message.startsWith(`Policy Engine Exception: ${message}`)).toBe(true);
    expect(
      result.error?.message.endsWith(
        "(issuancerules rule 1, line 1, column " + String(result.failure!.range.start.character + 1) + ")",
      ),
    ).toBe(true);
    expect(result.failure?.section).toBe("issuancerules");
  });

  test("the message names the section, the rule and where the failing argument starts", async () => {
    const text =
      'version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n  => add(type="a", value=1);\n  c:[type=="in"] => issue(type="r", value=JsonToClaimValue(c.value));\n};';
    const result = await run(text, { in: "{}" });
    expect(result.error?.message).toBe(
      "Policy Engine Exception: JsonToClaimValue: a JSON object is not a claim value. (issuancerules rule 2, line 5, column 60)",
    );
    expect(result.failure).toMatchObject({
      section: "issuancerules",
      index: 1,
      detail: "JsonToClaimValue: a JSON object is not a claim value.",
    });
    // Evaluation stops at the error; what earlier rules did stays in the trace.
    expect(result.trace?.map((r) => [r.index, r.fired, r.error?.code])).toEqual([
      [0, true, undefined],
      [0, true, undefined],
      [1, true, "PolicyEvaluationError"],
    ]);
  });

  test.each([
    ["an unknown function", "NegateBol(true)", "Unknown function 'NegateBol'."],
    [
      "a wrong arity (the docs' ContainsOnlyValue(100))",
      "ContainsOnlyValue(100)",
      "ContainsOnlyValue takes exactly 2 arguments, but is given 1.",
    ],
  ])("%s (checker errors) still evaluates to a value", async (_name, expression, message) => {
    const result = await runUnchecked(policy(expression), {});
    expect(result.failure?.detail).toBe(message);
  });
});
