import { expect, it } from "vitest";
import { parsePolicy } from "@maa-policy/parser";
import { visitScope } from "../src/identifier-scope.js";

it("walks a rule's identifiers in scoping order, with what is bound at each use and why a binding binds nothing", () => {
  const text = `version=1.2;
issuancerules {
  c:[type=="a", value==d.value] && !e:[type=="b"] && c:[type=="c"] && d:[value==c.value]
    => issue(type="x", value=AppendString(d.value, e.value));
};`;
  const rule = parsePolicy(text).policy!.sections[0].rules[0];
  const seen: string[] = [];
  visitScope(rule, {
    use: (name, at, bound) =>
      seen.push(`use ${name}@${at.range.start.offset} sees [${[...bound.keys()].join(",")}]`),
    bind: (name, at, _condition, refused) =>
      seen.push(`bind ${name}@${at.range.start.offset} ${refused ?? "bound"}`),
  });
  expect(seen).toEqual([
    "use d@52 sees []",
    "bind c@31 bound",
    "bind e@65 negated",
    "bind c@82 duplicate",
    "use c@109 sees [c]",
    "bind d@99 bound",
    "use d@160 sees [c,d]",
    "use e@169 sees [c,d]",
  ]);
});
