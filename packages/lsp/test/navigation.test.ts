import { afterEach, describe, expect, test } from "vitest";
import type {
  DocumentSymbol,
  FoldingRange,
  Location,
  SelectionRange,
  SemanticTokens,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { applied, at, inProcess, marked, URI, type Client } from "./harness.js";

let client: Client;
afterEach(async () => client.shutdown());

async function open(text: string): Promise<Client> {
  client = inProcess();
  await client.initialize();
  await client.open(URI, text);
  return client;
}

const RULES = [
  "version=1.2;",
  "authorizationrules {",
  "    => permit();",
  "};",
  "issuancerules {",
  '    c:[type=="a"] && d:[type=="b", value==c.value] => issue(type="x", value=AppendString(c.value, d.value));',
  '    c:[type=="z"] => issue(claim=c);',
  "};",
].join("\n");

/** The rules with the caret on the first `c` of the first issuance rule. */
function markC(): { text: string; position: { line: number; character: number } } {
  return marked(RULES.replace('    c:[type=="a"]', '    <|>c:[type=="a"]'));
}

const span = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});

describe("identifiers", () => {
  test("definition of a use is its binding, in the same rule", async () => {
    const { text, position } = marked(RULES.replace("value==c.value", "value==<|>c.value"));
    await open(text);
    expect(await client.request<Location>("textDocument/definition", at(position))).toEqual({
      uri: URI,
      range: span(5, 4, 5),
    });
  });

  test("references, with and without the declaration; highlights mark the binding as a write", async () => {
    const { text, position } = markC();
    await open(text);
    const refs = (includeDeclaration: boolean) =>
      client.request<Location[]>("textDocument/references", {
        ...at(position),
        context: { includeDeclaration },
      });
    expect((await refs(true)).map((l) => l.range)).toEqual([span(5, 4, 5), span(5, 42, 43), span(5, 89, 90)]);
    expect((await refs(false)).map((l) => l.range)).toEqual([span(5, 42, 43), span(5, 89, 90)]);
    expect(await client.request("textDocument/documentHighlight", at(position))).toEqual([
      { range: span(5, 4, 5), kind: 3 },
      { range: span(5, 42, 43), kind: 2 },
      { range: span(5, 89, 90), kind: 2 },
    ]);
  });

  test("rename changes the rule's occurrences only; invalid names are refused", async () => {
    const { text, position } = markC();
    await open(text);
    expect(await client.request("textDocument/prepareRename", at(position))).toEqual({
      range: span(5, 4, 5),
      placeholder: "c",
    });
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
      ...at(position),
      newName: "claims",
    });
    expect(applied(text, edit.changes![URI]).split("\n")[5]).toBe(
      '    claims:[type=="a"] && d:[type=="b", value==claims.value] => issue(type="x", value=AppendString(claims.value, d.value));',
    );
    expect(applied(text, edit.changes![URI]).split("\n")[6]).toBe('    c:[type=="z"] => issue(claim=c);');
    await expect(
      client.request("textDocument/rename", { ...at(position), newName: "permit" }),
    ).rejects.toThrow("'permit' is not a valid identifier.");
    await expect(client.request("textDocument/rename", { ...at(position), newName: "1x" })).rejects.toThrow(
      "'1x' is not a valid identifier.",
    );
  });

  test("nothing to rename on a keyword", async () => {
    const { text, position } = marked(RULES.replace("issue(claim", "is<|>sue(claim"));
    await open(text);
    expect(await client.request("textDocument/prepareRename", at(position))).toBeNull();
  });
});

describe("structure", () => {
  test("document symbols: the version, sections and their rules", async () => {
    await open(RULES);
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: URI },
    });
    const outline = (s: DocumentSymbol): unknown => [s.name, s.kind, ...(s.children ?? []).map(outline)];
    expect(symbols.map(outline)).toEqual([
      ["version 1.2", 14],
      ["authorizationrules", 3, ["=> permit();", 24]],
      [
        "issuancerules",
        3,
        ['c:[type=="a"] && d:[type=="b", value==c.value] => issue(typ…', 24],
        ['c:[type=="z"] => issue(claim=c);', 24],
      ],
    ]);
  });

  test("folding: sections, multi-line rules and comment blocks", async () => {
    await open(
      'version=1.2;\n// one\n// two\nauthorizationrules {\n    [type=="a"]\n      => permit();\n    /* a\n    b */\n};\n',
    );
    expect(
      await client.request<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: URI } }),
    ).toEqual([
      { startLine: 3, endLine: 7, kind: "region" },
      { startLine: 4, endLine: 4 },
      { startLine: 1, endLine: 2, kind: "comment" },
      { startLine: 6, endLine: 7, kind: "comment" },
    ]);
  });

  test("selection ranges grow from the name to the policy", async () => {
    const { text, position } = marked(RULES.replace("value==c.value", "value==c.va<|>lue"));
    await open(text);
    const [selection] = await client.request<SelectionRange[]>("textDocument/selectionRange", {
      textDocument: { uri: URI },
      positions: [position],
    });
    const chain: unknown[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) chain.push(s.range);
    expect(chain).toEqual([
      span(5, 44, 49),
      span(5, 42, 49),
      span(5, 35, 49),
      span(5, 21, 50),
      span(5, 4, 108),
      { start: { line: 4, character: 0 }, end: { line: 7, character: 2 } },
      { start: { line: 0, character: 0 }, end: { line: 7, character: 2 } },
    ]);
  });

  test("semantic tokens: keywords, identifiers, properties, functions, literals, comments", async () => {
    await open(
      'version=1.2; // c\nissuancerules {\n    c:[type=="a"] => issue(type="x", value=NegateBool(c.value));\n};',
    );
    const { data } = await client.request<SemanticTokens>("textDocument/semanticTokens/full", {
      textDocument: { uri: URI },
    });
    const tokens: number[][] = [];
    for (let i = 0; i < data.length; i += 5) tokens.push(data.slice(i, i + 5));
    // [delta line, delta start, length, type, modifiers]; types: keyword, variable, property, function, string, number, comment
    expect(tokens).toEqual([
      [0, 0, 7, 0, 0],
      [0, 8, 3, 5, 0],
      [0, 5, 4, 6, 0],
      [1, 0, 13, 0, 0],
      [1, 4, 1, 1, 1],
      [0, 3, 4, 2, 0],
      [0, 6, 3, 4, 0],
      [0, 8, 5, 0, 0],
      [0, 6, 4, 2, 0],
      [0, 5, 3, 4, 0],
      [0, 5, 5, 2, 0],
      [0, 6, 10, 3, 2],
      [0, 11, 1, 1, 0],
      [0, 2, 5, 2, 0],
    ]);
  });
});
