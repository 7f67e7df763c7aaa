import { expect, test } from "vitest";
import { analyzePolicy, policyRejection } from "@maa-policy/parser";

test.each([
  [
    "a syntax error: the service's parser text",
    'version=1.0\n [type=="a"] => permit();',
    "Policy Parser Exception Thrown: Offending symbol: '['\nLine: '2', Column: '1'\nFailure message: 'mismatched input '[' expecting ';''\nFailing rule: 'policy > versionInfo'",
  ],
  [
    "a checker error: the same frame, its line and column",
    'version=1.0; authorizationrules { => permit(); };\nissuancerules { c:[type=="a"] => issue(type="b", value=d.value); };',
    "Policy Parser Exception Thrown: 'd' is not bound by an earlier condition of this rule.\nLine: '2', Column: '55'",
  ],
])("%s", (_name, text, message) => {
  expect(policyRejection(analyzePolicy(text))).toEqual({ code: "PolicyParsingError", message, status: 400 });
});

test("a policy without errors is not rejected", () => {
  expect(policyRejection(analyzePolicy("version=1.0; authorizationrules { => permit(); };"))).toBeUndefined();
});
