import { describe, expect, test } from "vitest";
import {
  catalogueFor,
  completionContext,
  findCatalogueClaim,
  parsePolicy,
  type CompletionContext,
} from "@maa-policy/parser";

/** The context at the `<|>` marker, with the replace range as offsets. */
function at(
  marked: string,
): (Omit<CompletionContext, "replace"> & { replace: [number, number] }) | undefined {
  const offset = marked.indexOf("<|>");
  const context = completionContext(marked.replace("<|>", ""), offset);
  return context && { ...context, replace: [context.replace.start.offset, context.replace.end.offset] };
}

const AUTHZ = "version=1.2;\nauthorizationrules {\n  ";
const ISSUANCE = "version=1.2;\nissuancerules {\n  ";

describe("completionContext", () => {
  test.each([
    ["<|>", ["version"], []],
    ["version=1.2;\n<|>", ["issuancerules", "authorizationrules", "configurationrules"], []],
    [`${AUTHZ}<|>`, ["}", "!", "[", "=>"], [{ kind: "binding" }]],
    [`${AUTHZ}[<|>`, [], [{ kind: "property" }]],
    [`${AUTHZ}c:[type == <|>`, [], [{ kind: "value", property: "type" }]],
    [`${AUTHZ}c:[type == "x"] => <|>`, ["permit", "deny", "add", "issue", "issueproperty"], []],
    [`${ISSUANCE}c:[type == "x"] => issue(<|>`, [], [{ kind: "argument" }]],
    [`${ISSUANCE}c:[type == "x"] => issue(type="a", value=c.<|>`, [], [{ kind: "member", identifier: "c" }]],
    [`${ISSUANCE}=> issue(type="a", value=JmesPath("{}", <|>`, [], [{ kind: "value", property: undefined }]],
    ["version=<|>", [], [{ kind: "version" }]],
  ])("%j", (marked, keywords, slots) => {
    const context = at(marked)!;
    expect(context.keywords).toEqual(keywords);
    expect(context.slots).toEqual(slots);
  });

  test("a word being typed is the prefix and the whole word is replaced", () => {
    const context = at(`${AUTHZ}c:[type == "x"] => per<|>mi`)!;
    expect([context.prefix, context.replace]).toEqual(["per", [55, 60]]);
    expect(context.keywords).toContain("permit");
  });

  test("inside a string literal the whole literal is replaced", () => {
    const context = at(`${AUTHZ}c:[type == "x-ms<|>-sgx"] => permit();`)!;
    expect([context.inString, context.prefix, context.replace]).toEqual([true, '"x-ms', [47, 57]]);
  });

  test("section, version, identifiers bound before the caret, and the call around it", () => {
    const context = at(
      `${ISSUANCE}c:[type=="a"] && ![type=="b"] && d:[type=="c"] => issue(type="x", value=AppendString(c.value, <|>`,
    )!;
    expect([context.section, context.version, context.bound, context.call]).toEqual([
      "issuancerules",
      "1.2",
      ["c", "d"],
      { name: "AppendString", argument: 1 },
    ]);
  });

  test("the rules before the caret do not change the answer", () => {
    const many = Array.from(
      { length: 200 },
      (_, i) => `  c${i}:[type=="t"] => issue(type="x", value=c${i}.value);\n`,
    ).join("");
    const context = at(`${ISSUANCE}${many}  c:[type=="t"] => issue(<|>`)!;
    expect([context.slots, context.bound]).toEqual([[{ kind: "argument" }], ["c"]]);
  });

  test("with the parsed policy as a hint, only the text after the last rule is lexed; same answer", () => {
    const many = Array.from(
      { length: 50 },
      (_, i) => `  c${i}:[type=="t"] => issue(type="x", value=c${i}.value);\n`,
    ).join("");
    const marked = `${ISSUANCE}${many}  c:[type=="t"] && d:[type == <|>\n};\n`;
    const offset = marked.indexOf("<|>");
    const text = marked.replace("<|>", "");
    const hinted = completionContext(text, offset, { policy: parsePolicy(text).policy });
    expect(hinted).toEqual(completionContext(text, offset));
    expect([hinted?.slots, hinted?.bound, hinted?.section]).toEqual([
      [{ kind: "value", property: "type" }],
      ["c", "d"],
      "issuancerules",
    ]);
  });

  test("nothing inside a comment", () => {
    expect(at(`${AUTHZ}// [type == <|>`)).toBeUndefined();
  });

  test("never throws on garbage", () => {
    for (const text of ["\u201c<|>", "version=1.2;}}}}<|>", '"""<|>', "/* <|>", "\uD83D\uDE00[<|>"])
      expect(() => at(text)).not.toThrow();
  });
});

describe("claims catalogue", () => {
  test("claims per attestation type carry their value type", () => {
    expect(findCatalogueClaim("x-ms-sgx-svn")).toEqual({
      type: "x-ms-sgx-svn",
      valueType: "Integer",
      description: "The enclave's security version number (ISVSVN).",
      attestationTypes: ["sgx", "openenclave"],
    });
    expect(catalogueFor("tpm").map((c) => c.type)).toContain("aikValidated");
    expect(catalogueFor("sgx").map((c) => c.type)).not.toContain("aikValidated");
    expect(findCatalogueClaim("pcrs")?.readOnly).toBe(true);
    expect(findCatalogueClaim("$sgx-mrsigner")?.replacedBy).toBe("x-ms-sgx-mrsigner");
  });
});
