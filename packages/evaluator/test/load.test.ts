import { loadPolicy } from "@maa-policy/evaluator";
import { expect, test } from "vitest";

test.each([
  [
    "a syntax error: the service's own PolicyParsingError",
    'version=1.0\n [type=="a"] => permit();',
    "Policy Parser Exception Thrown: Offending symbol: '['\nLine: '2', Column: '1'\nFailure message: 'mismatched input '[' expecting ';''\nFailing rule: 'policy > versionInfo'",
  ],
  [
    "a checker error: its line and message",
    'version=1.0;\nauthorizationrules { c:[type=="a"] => permit(); };\nissuancerules { => issue(type="b", value=d.value); };\n',
    "Policy Parser Exception Thrown: 'd' is not bound by an earlier condition of this rule.\nLine: '3', Column: '41'",
  ],
])("%s", async (_, policy, message) => {
  const loaded = await loadPolicy(policy);
  expect(loaded.ok ? undefined : loaded.error).toEqual({ code: "PolicyParsingError", message, status: 400 });
});
