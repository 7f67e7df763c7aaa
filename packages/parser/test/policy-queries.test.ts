import { describe, expect, it } from "vitest";
import { bindingOf, nodeAt, occurrences, parsePolicy, type Policy } from "@maa-policy/parser";

const POLICY = `version=1.2;
authorizationrules { => permit(); };
issuancerules {
  c1:[type=="x-ms-sgx-svn", issuer=="AttestationService"] && c2:[type=="a", value==c1.value]
    => issue(type="out", value=JsonToClaimValue(c2.value));
};
`;

function parsed(): Policy {
  const policy = parsePolicy(POLICY).policy;
  if (!policy) throw new Error("the policy does not parse");
  return policy;
}

/** What is at the first occurrence of `marker` (plus `shift` characters into it). */
const at = (marker: string, shift = 0) => {
  const node = nodeAt(parsed(), POLICY.indexOf(marker) + shift);
  if (!node) return undefined;
  const text = POLICY.slice(node.range.start.offset, node.range.end.offset);
  return [node.kind, text];
};

describe("nodeAt: what is under the caret", () => {
  it.each([
    ["version", "version=1.2", ["version", "version=1.2;"]],
    ["a section keyword", "issuancerules", ["section", "issuancerules"]],
    ["an action name", "permit()", ["action", "permit"]],
    ["a claim property in a condition", "issuer==", ["property", "issuer"]],
    ["an identifier where it is bound", "c2:[", ["identifier", "c2"]],
    ["an identifier where it is used", "c1.value", ["identifier", "c1"]],
    ["the property after an identifier", ".value]", ["property", "value"], 1],
    ["a function name", "JsonToClaimValue", ["function", "JsonToClaimValue"]],
    ["an argument name", 'type="out"', ["property", "type"]],
    ["a string literal", '"x-ms-sgx-svn"', ["string", '"x-ms-sgx-svn"'], 3],
  ] as [string, string, [string, string], number?][])("%s", (_name, marker, expected, shift = 0) => {
    expect(at(marker, shift)).toEqual(expected);
  });

  it("nothing between rules", () =>
    expect(nodeAt(parsed(), POLICY.indexOf("};\nissuancerules") + 1)).toBeUndefined());
});

describe("identifiers: bound once per rule, used after", () => {
  const rule = () => parsed().sections[1].rules[0];

  it("bindingOf finds the condition that binds a name, and none for an unbound one", () => {
    expect(bindingOf(rule(), "c2")?.identifier?.text).toBe("c2");
    expect(bindingOf(rule(), "c3")).toBeUndefined();
  });

  it("occurrences: the binding first, then each use in text order", () => {
    const found = occurrences(rule(), "c2").map(({ range, binding }) => [
      POLICY.slice(range.start.offset, range.end.offset),
      range.start.line,
      binding,
    ]);
    expect(found).toEqual([
      ["c2", 3, true],
      ["c2", 4, false],
    ]);
  });
});
