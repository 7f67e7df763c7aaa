import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import { afterEach, describe, expect, test } from "vitest";
import type { CodeAction, CodeLens, InlayHint, TextEdit } from "vscode-languageserver-protocol";
import type { EvaluateResult } from "../src/protocol.js";
import { applied, inProcess, URI, type Client } from "./harness.js";
import { tempDir } from "../../../test/support/temp-dir.js";

let client: Client;
afterEach(async () => client.shutdown());

async function open(text: string, uri = URI, settings?: unknown): Promise<Client> {
  client = inProcess();
  await client.initialize({ settings, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "w" }] });
  await client.open(uri, text);
  return client;
}

const dir = tempDir("maa-lsp-");
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return pathToFileURL(join(dir, name)).href;
};

const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
const BROKEN = "Version=1.2;\nauthorizationrules {\n    [type = \u201ca\u201d] => permit();\n};\n";

describe("code actions", () => {
  test("one quick fix per core fix, for the diagnostics in range", async () => {
    await open('version=1.2;\nauthorizationrules {\n    [type = "a"] => permit();\n};\n');
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 30 } };
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [], only: ["quickfix"] },
    });
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.[0]?.code])).toEqual([
      ["Change '=' to '=='", "quickfix", true, "mismatched-input"],
    ]);
    expect(
      applied(
        'version=1.2;\nauthorizationrules {\n    [type = "a"] => permit();\n};\n',
        actions[0].edit!.changes![URI],
      ),
    ).toBe('version=1.2;\nauthorizationrules {\n    [type == "a"] => permit();\n};\n');
  });

  test("fix all repairs keyword case, '=', and curly quotes at once", async () => {
    await open(BROKEN);
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: whole,
      context: { diagnostics: [], only: ["source.fixAll"] },
    });
    expect(actions.map((a) => a.title)).toEqual(["Fix all auto-fixable problems"]);
    expect(applied(BROKEN, actions[0].edit!.changes![URI])).toBe(
      'version=1.2;\nauthorizationrules {\n    [type == "a"] => permit();\n};\n',
    );
  });
});

describe("formatting", () => {
  const UGLY = 'version=1.2;\nauthorizationrules{\n[type=="a"]=>permit();\n  [type=="b"]=>deny();\n};\n';
  test("the document", async () => {
    await open(UGLY);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri: URI },
      options: { tabSize: 4, insertSpaces: true },
    });
    expect(applied(UGLY, edits)).toBe(
      'version=1.2;\n\nauthorizationrules\n{\n    [type=="a"] => permit();\n    [type=="b"] => deny();\n};\n',
    );
  });

  test("a range formats only the rules it touches", async () => {
    await open(UGLY);
    const edits = await client.request<TextEdit[]>("textDocument/rangeFormatting", {
      textDocument: { uri: URI },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } },
      options: { tabSize: 4, insertSpaces: true },
    });
    expect(applied(UGLY, edits)).toBe(
      'version=1.2;\nauthorizationrules{\n[type=="a"]=>permit();\n    [type=="b"] => deny();\n};\n',
    );
  });

  test("a document past a megabyte is answered with one edit that replaces it all", async () => {
    const big = `version=1.2;\nauthorizationrules{\n${'[type=="a"]=>permit();\n'.repeat(50_000)}};\n`;
    await open(big);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri: URI },
      options: { tabSize: 4, insertSpaces: true },
    });
    const lines = big.split("\n");
    expect(edits.map((e) => e.range)).toEqual([
      { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } },
    ]);
    expect(applied(big, edits)).toBe(
      `version=1.2;\n\nauthorizationrules\n{\n${'    [type=="a"] => permit();\n'.repeat(50_000)}};\n`,
    );
  });

  test("text with syntax errors is left alone", async () => {
    await open("version=1.2;\nauthorizationrules {\n[type==\n");
    expect(
      await client.request("textDocument/formatting", {
        textDocument: { uri: URI },
        options: { tabSize: 4, insertSpaces: true },
      }),
    ).toEqual([]);
  });
});

const POLICY = [
  "version=1.2;",
  "authorizationrules {",
  '    [type=="x-ms-sgx-is-debuggable", value==false] => permit();',
  "};",
  "issuancerules {",
  '    c:[type=="x-ms-sgx-svn", value>=2] => issue(type="svn", value=c.value);',
  '    [type=="absent"] => issue(type="never", value=true);',
  "};",
].join("\n");
const CLAIMS = JSON.stringify({ "x-ms-sgx-is-debuggable": false, "x-ms-sgx-svn": 3 });

describe("maaPolicy/evaluate", () => {
  test("a sibling <name>.claims.json: verdict, issued claims, trace; inlay hints show which rules fired", async () => {
    const uri = file("sgx.policy", POLICY);
    const claimsUri = file("sgx.claims.json", CLAIMS);
    await open(POLICY, uri);
    const result = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
    expect([result.verdict, result.issued, result.properties, result.error, result.claimsUri]).toEqual([
      "permit",
      [{ type: "svn", value: 3, valueType: "Integer", issuer: "AttestationPolicy" }],
      [],
      undefined,
      claimsUri,
    ]);
    expect(result.trace.map((r) => [r.section, r.index, r.fired])).toEqual([
      ["authorizationrules", 0, true],
      ["issuancerules", 0, true],
      ["issuancerules", 1, false],
    ]);
    const hints = await client.request<InlayHint[]>("textDocument/inlayHint", {
      textDocument: { uri },
      range: whole,
    });
    expect(hints.map((h) => [h.position, h.label])).toEqual([
      [{ line: 2, character: 63 }, " ✓ fired"],
      [{ line: 5, character: 75 }, " ✓ fired"],
      [{ line: 6, character: 56 }, " · not fired"],
    ]);
    await client.change(uri, `${POLICY}\n`);
    expect(await client.request("textDocument/inlayHint", { textDocument: { uri }, range: whole })).toEqual(
      [],
    );
  });

  test("the claimsFile setting, relative to the workspace folder; a deny verdict", async () => {
    const uri = file("other.policy", POLICY);
    file("custom.json", JSON.stringify({ "x-ms-sgx-is-debuggable": true }));
    await open(POLICY, uri, { claimsFile: "custom.json" });
    const result = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
    expect([result.verdict, result.error?.code, result.error?.message]).toEqual([
      "no-permit",
      "PolicyEvaluationError",
      "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.",
    ]);
  });

  test.each([
    [
      "no claims file",
      POLICY,
      undefined,
      "InvalidParameter",
      "No claims file: set maaPolicy.claimsFile or put <name>.claims.json beside the policy.",
    ],
    ["bad claims", POLICY, "[1", "InvalidParameter", undefined],
    [
      "an invalid policy",
      "version=1.2;\nauthorizationrules {\n",
      "{}",
      "PolicyParsingError",
      "Policy Parser Exception Thrown: Offending symbol: '<EOF>'\nLine: '3', Column: '0'\nFailure message: 'mismatched input '<EOF>' expecting {'=>', '!', '[', '}', IDENTIFIER}'\nFailing rule: 'policy > authorizationRules'",
    ],
  ])("%s: verdict error", async (name, policy, claims, code, message) => {
    const uri = file(`${name.replace(/ /g, "-")}.policy`, policy);
    if (claims !== undefined) file(`${name.replace(/ /g, "-")}.claims.json`, claims);
    await open(policy, uri);
    const result = await client.request<EvaluateResult>("maaPolicy/evaluate", { uri });
    expect([result.verdict, result.error?.code]).toEqual(["error", code]);
    if (message) expect(result.error?.message).toBe(message);
  });

  test("the Evaluate code lens sits on the version", async () => {
    await open(POLICY);
    expect(await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: URI } })).toEqual(
      [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } },
          command: { title: "▶ Evaluate", command: "maa-policy-lsp.evaluate", arguments: [{ uri: URI }] },
        },
      ],
    );
  });

  test("the server runs the lens's command (workspace/executeCommand), so any client can", async () => {
    const uri = file("lens.policy", POLICY);
    file("lens.claims.json", CLAIMS);
    await open(POLICY, uri);
    const result = await client.request<EvaluateResult>("workspace/executeCommand", {
      command: "maa-policy-lsp.evaluate",
      arguments: [{ uri }],
    });
    expect(result.verdict).toBe("permit");
    expect(client.messages).toEqual([
      { type: 3, message: "lens.policy: permitted against lens.claims.json, 1 claim issued" },
    ]);
    expect(client.logs.at(-1)).toBe(
      "lens.policy: permitted against lens.claims.json, 1 claim issued\n" +
        "  svn: 3\n" +
        "  line 3: authorizationrules rule 1 fired\n" +
        "  line 6: issuancerules rule 1 fired\n" +
        "  line 7: issuancerules rule 2 did not fire",
    );
    const hints = await client.request<InlayHint[]>("textDocument/inlayHint", {
      textDocument: { uri },
      range: whole,
    });
    expect(hints.map((h) => h.label)).toEqual([" ✓ fired", " ✓ fired", " · not fired"]);
  });

  test("a denied evaluation is an error message; a bad argument an InvalidParams error", async () => {
    const uri = file("denied.policy", POLICY);
    file("denied.claims.json", JSON.stringify({ "x-ms-sgx-is-debuggable": true }));
    await open(POLICY, uri);
    await client.request("workspace/executeCommand", {
      command: "maa-policy-lsp.evaluate",
      arguments: [{ uri }],
    });
    expect(client.messages).toEqual([
      {
        type: 1,
        message:
          "denied.policy: no-permit against denied.claims.json: PolicyEvaluationError: Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.",
      },
    ]);
    await expect(
      client.request("workspace/executeCommand", { command: "maa-policy-lsp.evaluate", arguments: [] }),
    ).rejects.toThrow("maa-policy-lsp.evaluate takes one argument, { uri }.");
  });
});

test("a server without claims files (the browser playground's) offers no Evaluate, the rest as usual", async () => {
  client = inProcess(false);
  const init = (await client.initialize()) as { capabilities: Record<string, unknown> };
  expect([init.capabilities.codeLensProvider, init.capabilities.inlayHintProvider]).toEqual([
    undefined,
    undefined,
  ]);
  expect(init.capabilities.hoverProvider).toBe(true);
  await client.open(URI, POLICY);
  await expect(client.request("maaPolicy/evaluate", { uri: URI })).rejects.toThrow(
    "Unhandled method maaPolicy/evaluate",
  );
});

describe("maaPolicy/hash and maaPolicy/encodeToken", () => {
  test("the exact text's hashes and unsigned token", async () => {
    await open(POLICY);
    const token = createUnsignedPolicyToken(POLICY);
    expect(await client.request("maaPolicy/hash", { uri: URI })).toEqual({
      policyHash: policyHash(POLICY),
      tokenHash: policyTokenHash(token),
    });
    expect(await client.request("maaPolicy/encodeToken", { uri: URI })).toEqual({ token });
    await expect(client.request("maaPolicy/hash", { uri: "file:///nope.policy" })).rejects.toThrow(
      "file:///nope.policy is not open.",
    );
  });
});
