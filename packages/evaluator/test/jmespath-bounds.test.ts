import { describe, expect, test } from "vitest";
import { runUnchecked } from "./helpers.js";

/**
 * Queries that once aborted the process or held it for minutes (issue 14): each now fails its
 * rule with a PolicyEvaluationError naming the query's argument, and evaluation goes on.
 */
const policy = (query: string) =>
  `version=1.2; authorizationrules { => permit(); }; issuancerules { c:[type=="in"] => issue(type="r", value=JmesPath(c.value, "${query}")); };`;

const LONG_TEXT = JSON.stringify("a ".repeat(50_000));
const DOUBLINGS = Array.from({ length: 30 }, () => "[@,@]").join("|");

describe("JMESPath bounds and the dialect at evaluation", () => {
  test.each<[string, string, string]>([
    [
      "replace with a billion replacements (heap out of memory before)",
      "replace(@,'a','b',`1000000000`)",
      "JmesPath's query \"replace(@,'a','b',`1000000000`)\" is refused: 'replace' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
    ],
    [
      "thirty doublings, 179 characters (minutes before)",
      DOUBLINGS,
      `JmesPath's query "${DOUBLINGS}" was stopped: the query builds a value of more than 16777216 characters of JSON; maa-policy stops a search there.`,
    ],
    [
      "trim_right, quadratic on long claim data",
      "trim_right(@)",
      "JmesPath's query \"trim_right(@)\" is refused: 'trim_right' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
    ],
    [
      "trim",
      "trim(@)",
      "JmesPath's query \"trim(@)\" is refused: 'trim' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
    ],
    [
      "a function that does not exist",
      "lenght(@)",
      "JmesPath's query \"lenght(@)\" is refused: 'lenght' is not a JMESPath function.",
    ],
    [
      "Community syntax",
      "length(@) + `1`",
      'JmesPath\'s query "length(@) + `1`" is refused: arithmetic is JMESPath Community syntax, which Azure Attestation does not support.',
    ],
  ])("%s", async (_name, query, detail) => {
    const result = await runUnchecked(policy(query), { in: LONG_TEXT });
    expect(result.outcome).toBe("error");
    expect(result.failure?.detail).toBe(detail);
    // The argument at fault: the query string in the policy text.
    expect(result.failure?.range?.start.character).toBe(policy(query).indexOf(`"${query}"`));
  });

  test("a query built at run time is held to the same dialect", async () => {
    const text =
      'version=1.2; authorizationrules { => permit(); }; issuancerules { c:[type=="in"] => issue(type="r", value=JmesPath(c.value, AppendString("tri", "m(@)"))); };';
    const result = await runUnchecked(text, { in: LONG_TEXT });
    expect(result.failure?.detail).toBe(
      "JmesPath's query \"trim(@)\" is refused: 'trim' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
    );
  });

  test("a long search is stopped by its step budget", async () => {
    // 1,000 rows of 1,000 numbers: a filter over each row visits three million nodes.
    const row = Array.from({ length: 1000 }, (_, i) => i);
    const data = JSON.stringify(Array.from({ length: 1000 }, () => row));
    const result = await runUnchecked(policy("[*][?@ > `0`]"), { in: data });
    expect(result.failure?.detail).toBe(
      'JmesPath\'s query "[*][?@ > `0`]" was stopped: the query took more than 1000000 steps; maa-policy stops a search there.',
    );
  });

  test("the specification's functions and equals_ignore_case still run", async () => {
    const data = JSON.stringify({ Events: [{ n: "A" }, { n: "b" }] });
    const result = await runUnchecked(
      policy("length(Events[?equals_ignore_case(n, 'a')]) == `1` && sort_by(Events, &n)[0].n == 'A'"),
      { in: data },
    );
    expect(result.outcome).toBe("permit");
    expect(result.issued.map((c) => c.value)).toEqual(["true"]);
  });
});
