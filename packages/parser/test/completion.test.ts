import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  CLAIM_CATALOGUE,
  catalogueFor,
  parseAttestationType,
  parseProjectConfig,
  configAttestationType,
  findProjectConfig,
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

  test.each([
    [`${ISSUANCE}=> issueproperty(type=<|>`, "issueproperty"],
    [`${ISSUANCE}=> issueproperty(\n  type="omit_x5c",\n  value=<|>`, "issueproperty"],
    [`${ISSUANCE}c:[type=="a"] => issue(type="x", value=AppendString(c.value, <|>`, "issue"],
    [`${ISSUANCE}=> issue(type="x", value=NegateBool(true), <|>`, "issue"],
    [`${ISSUANCE}=> issueproperty(type="omit_x5c", value=true);\n  c:[type == <|>`, undefined],
    [`${ISSUANCE}c:[type == <|>`, undefined],
  ])("the action whose arguments the caret is in: %s", (marked, action) => {
    expect(at(marked)!.action).toBe(action);
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
      description: "The enclave's security version number (ISVSVN, 16 bits).",
      evidence: "DOC: claim-sets.md, incoming claims",
      domain: { kind: "integer", min: 0, max: 65535, what: "ISVSVN, a 16-bit number" },
      attestationTypes: ["sgx", "openenclave"],
    });
    expect(catalogueFor("tpm").map((c) => c.type)).toContain("aikValidated");
    expect(catalogueFor("sgx").map((c) => c.type)).not.toContain("aikValidated");
    expect(findCatalogueClaim("pcrs")?.readOnly).toBe(true);
    expect(findCatalogueClaim("$sgx-mrsigner")?.replacedBy).toBe("x-ms-sgx-mrsigner");
  });

  test("every row says where it comes from, and a name is catalogued once", () => {
    for (const claim of CLAIM_CATALOGUE) expect(claim.evidence).toMatch(/^(DOC|REC|REAL|CORPUS|INFERRED): ./);
    expect(new Set(CLAIM_CATALOGUE.map((c) => c.type)).size).toBe(CLAIM_CATALOGUE.length);
  });

  test("the Azure guest set: its own claims, the isolation TEE's nested ones and the TPM JSON claims", () => {
    const guest = catalogueFor("azureguest").map((c) => c.type);
    for (const type of [
      "secureboot",
      "x-ms-azurevm-dbvalidated",
      "x-ms-azurevm-vmid",
      "x-ms-isolation-tee",
      "x-ms-compliance-status",
      "x-ms-sevsnpvm-hostdata",
      "tdx_mrtd",
      "pcrs",
      "events",
    ])
      expect(guest).toContain(type);
    expect(guest).not.toContain("x-ms-sgx-mrsigner");
  });

  test.each([
    ["SgxEnclave", "sgx"],
    ["OpenEnclave", "openenclave"],
    ["SevSnpVm", "sevsnpvm"],
    ["sev-snp", "sevsnpvm"],
    ["TdxVm", "tdxvm"],
    ["tdx", "tdxvm"],
    ["AzureGuest", "azureguest"],
    ["azurevm", "azureguest"],
    ["VBS", "vbs"],
    ["Tpm", "tpm"],
  ])("the attestation type written %s is %s", (written, type) => {
    expect(parseAttestationType(written)).toBe(type);
  });

  test("a name that is no attestation type", () => {
    expect(parseAttestationType("sgz")).toBeUndefined();
  });
});

describe("maa-policy.json", () => {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "maa-policy.schema.json"), "utf8"),
  ) as { definitions: { attestationType: { enum: string[] } } };

  test("every attestation type name the schema allows is one the checker reads", () => {
    for (const name of schema.definitions.attestationType.enum)
      expect(parseAttestationType(name)).toBeDefined();
  });

  test.each<[string, string]>([
    ["[]", "must be a JSON object"],
    ['{"attestationType": "sgz"}', "'attestationType' for '**': \"sgz\" is not an attestation type"],
    ['{"claims": {"a": "Number"}}', "'claims': 'a' must be String, Integer, Boolean, not \"Number\""],
    ['{"policies": {}}', "unknown field 'policies' (fields: attestationType, claims)"],
  ])("refuses %s: %s", (text, error) => {
    expect(parseProjectConfig(text)).toEqual({ ok: false, error });
  });

  test("globs, first match wins, relative to the config's folder", () => {
    const parsed = parseProjectConfig('{"attestationType": {"tpm/**": "Tpm", "**/*.policy": "SgxEnclave"}}');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(configAttestationType(parsed.config, "tpm/boot.policy")).toBe("tpm");
    expect(configAttestationType(parsed.config, "enclaves/a.policy")).toBe("sgx");
    expect(configAttestationType(parsed.config, "notes.txt")).toBeUndefined();
  });

  test("found upward from the policy, with its path from there", () => {
    const files: Record<string, string> = { "/p/maa-policy.json": "{}" };
    expect(findProjectConfig("/p/a/b/x.policy", (path) => files[path])).toEqual({
      path: "/p/maa-policy.json",
      text: "{}",
      relativePath: "a/b/x.policy",
    });
    expect(
      findProjectConfig("C:\\p\\x.policy", (path) => (path === "C:\\p\\maa-policy.json" ? "{}" : undefined)),
    ).toEqual({ path: "C:\\p\\maa-policy.json", text: "{}", relativePath: "x.policy" });
    expect(findProjectConfig("/q/x.policy", () => undefined)).toBeUndefined();
  });
});
