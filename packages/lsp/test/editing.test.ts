import { afterEach, describe, expect, test } from "vitest";
import type { CompletionItem, Hover, SignatureHelp } from "vscode-languageserver-protocol";
import { MAX_COMPLETION_ITEMS } from "../src/features/completion.js";
import { at, inProcess, marked, URI, type Client } from "./harness.js";

let client: Client;
afterEach(async () => client.shutdown());

async function open(text: string, settings?: unknown): Promise<Client> {
  client = inProcess();
  await client.initialize({ settings });
  await client.open(URI, text);
  return client;
}

const AUTHZ = "version=1.2;\nauthorizationrules {\n    ";
const ISSUANCE = "version=1.2;\nauthorizationrules {\n    => permit();\n};\nissuancerules {\n    ";

describe("diagnostics", () => {
  test("parser and checker findings, with codes, as the document opens", async () => {
    await open(`${AUTHZ}c:[type == "a"] => issue(type="b", value=d.value);\n};\n`);
    const diagnostic = (
      line: number,
      range: [number, number],
      severity: number,
      code: string,
      message: string,
    ) => ({
      range: { start: { line, character: range[0] }, end: { line, character: range[1] } },
      severity,
      code,
      source: "maa-policy",
      message,
    });
    expect(await client.diagnostics(URI)).toEqual([
      diagnostic(
        1,
        [0, 18],
        2,
        "no-permit",
        "No rule in 'authorizationrules' calls permit(), so every attestation fails with 'Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.'",
      ),
      diagnostic(
        2,
        [23, 28],
        2,
        "action-placement",
        "The docs allow 'issue' only in issuancerules; in 'authorizationrules' the service's behaviour is undocumented.",
      ),
      diagnostic(
        2,
        [45, 46],
        1,
        "unbound-identifier",
        "'d' is not bound by an earlier condition of this rule.\nDid you mean 'c'?",
      ),
    ]);
  });

  test("a JMESPath error is reported inside the JmesPath() string", async () => {
    await open(
      `${ISSUANCE}c:[type == "events"] => issue(type="x", value=JmesPath(c.value, "Events[?"));\n};\n`,
    );
    const [diagnostic] = await client.diagnostics(URI);
    expect([diagnostic?.code, diagnostic?.range.start]).toEqual([
      "jmespath-syntax",
      { line: 5, character: 77 },
    ]);
  });

  test("each change is analysed, the latest version last; closing clears", async () => {
    await open("version=1.2;\n");
    await client.diagnostics(URI);
    await client.change(URI, "version=1.2;\nauthorizationrules {");
    await client.change(URI, "version=1.2;\nauthorizationrules { => permit(); };\n");
    expect(await client.diagnostics(URI)).toEqual([]);
    const versions = client.publications(URI).map((p) => p.version!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: URI } });
    const cleared = await client.published((p) => p.uri === URI && p.version === undefined);
    expect(cleared).toEqual({ uri: URI, diagnostics: [] });
  });

  test("a client that can pull asks for them: full reports, unchanged for a version it has, no pushes", async () => {
    client = inProcess();
    const init = await client.initialize({ textDocument: { diagnostic: {} } });
    expect(
      (init as { capabilities: { diagnosticProvider?: unknown } }).capabilities.diagnosticProvider,
    ).toEqual({
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
    await client.open(URI, "version=1.2;\nauthorizationrules { => permit() };\n");
    const pull = (previousResultId?: string) =>
      client.request<{ kind: string; resultId?: string; items?: { code: string }[] }>(
        "textDocument/diagnostic",
        {
          textDocument: { uri: URI },
          previousResultId,
        },
      );
    const first = await pull();
    expect([first.kind, first.resultId, first.items?.map((d) => d.code)]).toEqual([
      "full",
      "1",
      ["extraneous-input", "extraneous-input"],
    ]);
    expect(await pull("1")).toEqual({ kind: "unchanged", resultId: "1" });
    await client.change(URI, "version=1.2;\nauthorizationrules { => permit(); };\n");
    expect(await pull("1")).toEqual({ kind: "full", resultId: "2", items: [] });
    // Closed and opened again: version 1 once more, but another analysis.
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: URI } });
    await client.open(URI, "version=1.2;\nauthorizationrules { => permit() };\n");
    const reopened = await pull("1");
    expect([reopened.kind, reopened.resultId]).toEqual(["full", "3"]);
    expect(client.publications(URI)).toEqual([]);
  });
});

async function labels(text: string, settings?: unknown): Promise<string[]> {
  const { text: clean, position } = marked(text);
  await open(clean, settings);
  const items = await client.request<CompletionItem[]>("textDocument/completion", at(position));
  return items.map((i) => i.label);
}

describe("completion", () => {
  test.each([
    [
      "sections after the version",
      "version=1.1;\n<|>",
      ["issuancerules", "authorizationrules", "configurationrules"],
    ],
    ["no configurationrules under 1.0", "version=1.0;\n<|>", ["issuancerules", "authorizationrules"]],
    ["the actions a section allows", `${AUTHZ}[type=="a"] => <|>`, ["permit", "deny", "add", "issue"]],
    ["issuance actions", `${ISSUANCE}[type=="a"] => <|>`, ["add", "issue", "issueproperty"]],
    ["claim properties in a condition", `${AUTHZ}[<|>`, ["type", "value", "valueType", "issuer"]],
    ["action arguments", `${ISSUANCE}=> issue(<|>`, ["type", "value", "valueType", "issuer", "claim"]],
    [
      "properties of a bound identifier",
      `${ISSUANCE}c:[type=="a"] => issue(type="b", value=c.<|>`,
      ["type", "value", "valueType", "issuer"],
    ],
    ["issuers", `${AUTHZ}[issuer == <|>`, ['"AttestationService"', '"AttestationPolicy"', '"CustomClaim"']],
    [
      "value types",
      `${ISSUANCE}=> issue(type="a", value=1, valueType=<|>`,
      ['"String"', '"Integer"', '"Boolean"'],
    ],
    [
      "identifiers bound in the rule, functions, booleans",
      `${ISSUANCE}c:[type=="a"] && ![type=="b"] && d:[type=="c"] => issue(type="x", value=<|>`,
      [
        "c",
        "d",
        "JmesPath",
        "JsonToClaimValue",
        "IsSubsetOf",
        "AppendString",
        "NegateBool",
        "ContainsOnlyValue",
        "true",
        "false",
      ],
    ],
    ["no functions before 1.2", "version=1.1;\nauthorizationrules {\n    [value == <|>", ["true", "false"]],
    [
      "engine properties in issueproperty",
      `version=1.2;\nconfigurationrules {\n    => issueproperty(type=<|>`,
      [
        '"x-ms-sgx-tcbidentifier"',
        '"require_valid_aik_cert"',
        '"required_pcr_mask"',
        '"omit_x5c"',
        '"report_validity_in_minutes"',
      ],
    ],
    ["nothing in a comment", `${AUTHZ}// [<|>`, []],
  ])("%s", async (_, text, expected) => {
    expect(await labels(text)).toEqual(expected);
  });

  test("claim types of the configured attestation type, then the policy's own", async () => {
    const sgx = await labels(`${AUTHZ}[type == <|>] => permit();\n    => add(type="mine", value=1);\n};`, {
      attestationType: "SgxEnclave",
    });
    expect(sgx.slice(0, 2)).toEqual(['"x-ms-sgx-is-debuggable"', '"x-ms-sgx-product-id"']);
    expect(sgx.at(-1)).toBe('"mine"');
    expect(sgx).not.toContain('"aikValidated"');
    await client.shutdown();
    // Without a setting, the pragma decides; without either, every catalogued claim is offered.
    const pragma = await labels(`// maa-policy: attestation-type=tpm\n${AUTHZ}[type == <|>`);
    expect(pragma.slice(0, 2)).toEqual(['"aikValidated"', '"aikPubHash"']);
    await client.shutdown();
    const all = await labels(`${AUTHZ}[type == <|>`);
    expect(all).toContain('"aikValidated"');
    expect(all).toContain('"x-ms-sgx-mrsigner"');
    await client.shutdown();
    const tpm = await labels(`${AUTHZ}[type == <|>`, { attestationType: "tpm" });
    expect(tpm.slice(0, 2)).toEqual(['"aikValidated"', '"aikPubHash"']);
  });

  test("a long answer is filtered by what is typed, cut at MAX_COMPLETION_ITEMS and incomplete", async () => {
    const adds = Array.from({ length: 500 }, (_, i) => `=> add(type="mine-${i}", value=1);`).join("\n    ");
    let asked = false;
    const ask = async (typed: string) => {
      if (asked) await client.shutdown();
      asked = true;
      const { text, position } = marked(`${AUTHZ}${adds}\n    [type == ${typed}<|>] => permit();\n};`);
      await open(text, { attestationType: "SgxEnclave" });
      const answer = await client.request<{ isIncomplete: boolean; items: CompletionItem[] }>(
        "textDocument/completion",
        at(position),
      );
      return [answer.isIncomplete, answer.items.map((i) => i.label)] as const;
    };
    const [incomplete, everything] = await ask("");
    expect([incomplete, everything.length]).toEqual([true, MAX_COMPLETION_ITEMS]);
    // In the order the editor sorts them: the catalogue's and the policy's types alike, by label.
    expect(everything.slice(0, 2)).toEqual(['"mine-0"', '"mine-1"']);
    const [, typed] = await ask('"MINE-49');
    // Case aside, "mine-" then a 4 then a 9: mine-49, mine-149, mine-409 ... in label order.
    const expected = Array.from({ length: 500 }, (_, i) => `"mine-${i}"`).filter((l) =>
      /^"mine-\d*4\d*9/.test(l),
    );
    expect(typed).toEqual(expected.sort());
    // Characters in order, as editors match: "x-ms-sgx-mrsigner" for "sgxmrs".
    const [, fuzzy] = await ask('"sgxmrs');
    expect(fuzzy).toEqual(['"x-ms-sgx-mrsigner"', '"$sgx-mrsigner"']);
  });

  test("a claim type replaces the string being typed, and functions are snippets", async () => {
    const { text, position } = marked(`${AUTHZ}[type == "x-ms-sgx-mr<|>"] => permit();\n};`);
    await open(text);
    const items = await client.request<CompletionItem[]>("textDocument/completion", at(position));
    const mrsigner = items.find((i) => i.label === '"x-ms-sgx-mrsigner"');
    expect(mrsigner).toEqual({
      label: '"x-ms-sgx-mrsigner"',
      kind: 20,
      detail: "String · DOC: claim-sets.md, incoming claims",
      documentation: "MRSIGNER, the enclave signer's measurement: 64 lower-case hex digits.",
      filterText: '"x-ms-sgx-mrsigner"',
      textEdit: {
        range: { start: { line: 2, character: 13 }, end: { line: 2, character: 26 } },
        newText: '"x-ms-sgx-mrsigner"',
      },
    });
    await client.shutdown();
    const { text: t2, position: p2 } = marked(`${ISSUANCE}=> issue(type="a", value=Jm<|>`);
    await open(t2);
    const jmes = (await client.request<CompletionItem[]>("textDocument/completion", at(p2))).find(
      (i) => i.label === "JmesPath",
    );
    expect([jmes?.insertTextFormat, jmes?.textEdit]).toEqual([
      2,
      {
        range: { start: { line: 5, character: 29 }, end: { line: 5, character: 31 } },
        newText: "JmesPath(${1:json}, ${2:query})",
      },
    ]);
  });
});

async function hover(text: string): Promise<string | undefined> {
  const { text: clean, position } = marked(text);
  await open(clean);
  const result = await client.request<Hover | null>("textDocument/hover", at(position));
  return result ? (result.contents as { value: string }).value : undefined;
}

describe("hover", () => {
  const policy = (marker: string) =>
    `${ISSUANCE}c:[type == "x-ms-sgx-${marker}svn"] => issue(type="s", value=AppendString(c.value, "x"));\n};`;
  test.each([
    [
      policy("<|>"),
      "**x-ms-sgx-svn** (Integer)\n\nThe enclave's security version number (ISVSVN, 16 bits).\n\nAttestation types: sgx, openenclave.\n\nEvidence: DOC: claim-sets.md, incoming claims.",
    ],
    [
      policy("").replace("App", "App<|>"),
      "```\nAppendString(left: String, right: String): String\n```\n\nConcatenates two strings.\n\n- `left`: a string (may be empty)\n- `right`: a string (may be empty)\n\nSince version 1.2.",
    ],
    [policy("").replace("c.", "<|>c."), '**c**: the claims matching\n\n```\nc:[type == "x-ms-sgx-svn"]\n```'],
    [
      policy("").replace("c.val", "c.v<|>al"),
      "**value** (claim property)\n\nThe claim's value: String, Integer or Boolean (a Set of them in 1.2).",
    ],
    [
      policy("").replace("issue(", "is<|>sue("),
      "**issue()**\n\nAdds a claim to the incoming set and to the outgoing claims (the token).\n\nAllowed in: issuancerules.",
    ],
    [
      policy("").replace("issuancerules", "issuance<|>rules"),
      "**issuancerules**\n\nRules that add claims to the outgoing claim set and the token; they cannot fail attestation.",
    ],
    [
      `${AUTHZ}[issuer == "Attestation<|>Service"] => permit();\n};`,
      "**AttestationService**: Claims parsed from the evidence by the service.",
    ],
    [
      `version=1.2;\nconfigurationrules {\n    => issueproperty(type="omit<|>_x5c", value=true);\n};`,
      "**omit_x5c** (engine property, Boolean)\n\nPut `x5t` instead of `x5c` in the token header.",
    ],
  ])("%#", async (text, expected) => {
    expect(await hover(text)).toBe(expected);
  });

  test("nothing on punctuation", async () => {
    expect(await hover(`${AUTHZ}[type == "a"] =<|>> permit();\n};`)).toBeUndefined();
  });
});

describe("signature help", () => {
  test("the function around the caret and the active parameter", async () => {
    const { text, position } = marked(
      `${ISSUANCE}c:[type=="a"] => issue(type="x", value=JmesPath(c.value, <|>));\n};`,
    );
    await open(text);
    expect(await client.request<SignatureHelp>("textDocument/signatureHelp", at(position))).toEqual({
      signatures: [
        {
          label: "JmesPath(json: String, query: String): String",
          documentation:
            "Runs a JMESPath query on JSON and returns the result as JSON text (`null` when nothing matches).",
          parameters: [
            { label: "json", documentation: "a non-empty JSON document, as a string" },
            { label: "query", documentation: "a non-empty, valid JMESPath query" },
          ],
        },
      ],
      activeSignature: 0,
      activeParameter: 1,
    });
  });

  test("none outside a call", async () => {
    const { text, position } = marked(`${ISSUANCE}=> issue(<|>`);
    await open(text);
    expect(await client.request("textDocument/signatureHelp", at(position))).toBeNull();
  });
});
