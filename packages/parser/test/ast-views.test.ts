import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { childNodes, parsePolicy, plainAst, type Range, type SyntaxNode } from "../src/index.js";
import { policyText } from "../../../test/support/policy-arbitrary.js";

const key = (range: Range) => `${range.start.offset}-${range.end.offset}`;

/** The ranges of every node and name, found through `childNodes`. */
function rangesByChildNodes(node: SyntaxNode, out: string[] = []): string[] {
  out.push(key(node.range));
  for (const child of childNodes(node)) rangesByChildNodes(child, out);
  return out;
}

/** The same, found by walking every field of the plain form: what `childNodes` must not miss. */
function rangesByFields(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => rangesByFields(item, out));
  else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if ("kind" in record || "text" in record) out.push(key(record["range"] as Range));
    for (const [field, value] of Object.entries(record)) if (field !== "range") rangesByFields(value, out);
  }
  return out;
}

describe("AST views", () => {
  it("childNodes reaches every node and name that the fields hold", () => {
    fc.assert(
      fc.property(policyText, (text) => {
        const policy = parsePolicy(text).policy!;
        expect(rangesByChildNodes(policy).sort()).toEqual(rangesByFields(plainAst(policy)).sort());
      }),
      { numRuns: 200 },
    );
  });

  it("reads the same on every read, and as plain data", () => {
    const { policy } = parsePolicy('version=1.2; issuancerules { c:[type=="a"] => issue(claim=c); };');
    const [rule] = policy!.sections[0].rules;
    expect(rule.conditions[0]).not.toBe(rule.conditions[0]);
    expect(plainAst(rule.conditions[0])).toEqual(plainAst(rule.conditions[0]));
    expect(plainAst(rule.action)).toEqual({
      kind: "Action",
      range: { start: { line: 0, character: 46, offset: 46 }, end: { line: 0, character: 60, offset: 60 } },
      name: "issue",
      nameRange: {
        start: { line: 0, character: 46, offset: 46 },
        end: { line: 0, character: 51, offset: 51 },
      },
      arguments: [
        {
          kind: "ClaimArgument",
          range: {
            start: { line: 0, character: 52, offset: 52 },
            end: { line: 0, character: 59, offset: 59 },
          },
          name: {
            text: "claim",
            range: {
              start: { line: 0, character: 52, offset: 52 },
              end: { line: 0, character: 57, offset: 57 },
            },
          },
          value: {
            kind: "IdentifierReference",
            range: {
              start: { line: 0, character: 58, offset: 58 },
              end: { line: 0, character: 59, offset: 59 },
            },
            name: "c",
          },
        },
      ],
    });
  });
});
