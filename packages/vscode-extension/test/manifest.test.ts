import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ATTESTATION_TYPES, analyzePolicy } from "@maa-policy/parser";
import { DEFAULT_SETTINGS } from "@maa-policy/lsp";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/command-ids.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (path: string): string => readFileSync(root + path, "utf8");
const json = (path: string): unknown => JSON.parse(read(path));

interface Manifest {
  main: string;
  version: string;
  icon: string;
  keywords: string[];
  repository?: unknown;
  vsce: unknown;
  engines: { vscode: string };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    languages: { id: string; extensions?: string[]; configuration?: string }[];
    grammars: {
      language: string;
      scopeName: string;
      path: string;
      embeddedLanguages?: Record<string, string>;
    }[];
    snippets: { language: string; path: string }[];
    commands: { command: string; title: string; category: string }[];
    menus: { commandPalette: { command: string }[] };
    configuration: {
      properties: Record<string, { description: string; default: unknown; enum?: string[]; type: string }>;
    };
  };
}
const manifest = json("package.json") as Manifest;
const { contributes } = manifest;
const docs = readFileSync(new URL("../../../docs/vscode-extension.md", import.meta.url), "utf8");
const languageIds = contributes.languages.map((language) => language.id);

describe("commands", () => {
  it("are exactly the ones the client registers", () => {
    expect(contributes.commands.map((command) => command.command)).toEqual([...COMMANDS]);
  });

  it.each(contributes.commands)("$command is titled and documented", ({ command, title, category }) => {
    expect(category).toBe("MAA Policy");
    expect(docs).toContain(`| MAA Policy: ${title} `);
    expect(docs).toContain(`\`${command}\``);
  });

  it("palette conditions name contributed commands", () => {
    for (const { command } of contributes.menus.commandPalette) expect(COMMANDS).toContain(command);
  });
});

describe("settings", () => {
  const properties = contributes.configuration.properties;

  it("mirror the server's settings, plus the client's trace", () => {
    const serverKeys = Object.keys(DEFAULT_SETTINGS).map((key) => `maaPolicy.${key}`);
    expect(Object.keys(properties)).toEqual([...serverKeys, "maaPolicy.trace.server"]);
    // "" is the server's undefined: infer the type from the policy's claims.
    expect(properties["maaPolicy.attestationType"]?.enum).toEqual(["", ...ATTESTATION_TYPES]);
    expect(properties["maaPolicy.attestationType"]?.default).toBe(DEFAULT_SETTINGS.attestationType ?? "");
    expect(properties["maaPolicy.claimsFile"]?.default).toBe("");
  });

  it("describe claimsFile as the server and the command use it (claims-file.ts, evaluate.ts)", () => {
    expect(properties["maaPolicy.claimsFile"]?.description).toBe(
      'The incoming claims (a JSON file, as `policy-eval eval --claims` reads) that "MAA Policy: Evaluate Against Claims File" and the Evaluate code lens use; a relative path is resolved from the workspace folder, then from the policy\'s folder. Empty: `<name>.claims.json` beside the policy, if there is one; otherwise the command asks for a file.',
    );
  });

  it.each(Object.entries(properties))("%s is described and documented", (key, property) => {
    expect(property.description.length).toBeGreaterThan(40);
    expect(docs).toContain(`| \`${key}\``);
  });
});

describe("languages and grammars", () => {
  it("maa-policy claims its file extensions and has a language configuration", () => {
    const language = contributes.languages.find((entry) => entry.id === "maa-policy");
    expect(language?.extensions).toEqual([".policy", ".maapolicy"]);
    const configuration = json(language?.configuration ?? "") as { comments: unknown; brackets: unknown };
    expect(configuration.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    expect(configuration.brackets).toEqual([
      ["{", "}"],
      ["[", "]"],
      ["(", ")"],
    ]);
  });

  it.each(contributes.grammars)("$scopeName is wired", (grammar) => {
    const file = json(grammar.path) as { scopeName: string; repository: Record<string, unknown> };
    expect(file.scopeName).toBe(grammar.scopeName);
    expect(languageIds).toContain(grammar.language);
    for (const language of Object.values(grammar.embeddedLanguages ?? {}))
      expect(languageIds).toContain(language);
    const scopes = contributes.grammars.map((entry) => entry.scopeName);
    for (const include of includes(file)) {
      if (include.startsWith("#")) expect(Object.keys(file.repository)).toContain(include.slice(1));
      else expect(scopes).toContain(include);
    }
  });

  it("documents the language id and both grammars", () => {
    expect(docs).toContain("Language id `maa-policy`");
    for (const { scopeName } of contributes.grammars) expect(docs).toContain(`\`${scopeName}\``);
  });
});

describe("snippets", () => {
  const snippets = contributes.snippets.flatMap(({ path }) =>
    Object.entries(json(path) as Record<string, { prefix: string[]; body: string[] }>),
  );

  it.each(snippets)("%s expands to a policy the checker accepts, or a rule of one", (_name, snippet) => {
    expect(docs).toContain(`\`${snippet.prefix[0]}\``);
    const text = expand(snippet.body.join("\n"));
    const policy = text.startsWith("version=")
      ? text
      : `version=1.2;\nauthorizationrules\n{\n${text}\n=> permit();\n};`;
    const errors = analyzePolicy(policy).diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    expect(errors.map((diagnostic) => diagnostic.message)).toEqual([]);
  });
});

describe("packaging", () => {
  it("bundles what the manifest loads, and plain `vsce package` builds it (no monorepo packing)", () => {
    expect(manifest.main).toBe("./dist/extension.cjs");
    const kept = read(".vscodeignore").split("\n");
    for (const file of ["dist/extension.cjs", "dist/server.cjs", "dist/icon.png", "CHANGELOG.md"])
      expect(kept).toContain(`!${file}`);
    // vsce runs vscode:prepublish itself and reads its options from the manifest's "vsce" key.
    expect(manifest.scripts["vscode:prepublish"]).toBe("node esbuild.mjs --production && node icon.mjs");
    expect(manifest.scripts.package).toBe("vsce package --out maa-policy.vsix");
    expect(manifest.vsce).toEqual({ dependencies: false, allowMissingRepository: true });
    expect(existsSync(root + "LICENSE")).toBe(true);
  });

  it("has an icon rendered from icon.svg, keywords and a changelog", () => {
    expect(manifest.icon).toBe("dist/icon.png");
    expect(read("icon.mjs")).toContain('readFileSync(here("icon.svg"))');
    expect(
      read("icon.svg").startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"'),
    ).toBe(true);
    expect(manifest.keywords).toEqual(
      expect.arrayContaining(["azure", "attestation", "maa", "policy", "sgx", "tpm"]),
    );
    expect(read("CHANGELOG.md")).toContain(`## ${manifest.version} `);
  });

  it("names no repository while there is no public one (docs/decisions.md)", () => {
    const decisions = readFileSync(new URL("../../../docs/decisions.md", import.meta.url), "utf8");
    expect(manifest.repository).toBeUndefined();
    expect(decisions).toContain("## The extension names no repository");
  });

  it("targets the VS Code that vscode-languageclient requires", () => {
    const client = JSON.parse(
      readFileSync(
        new URL("../../../node_modules/vscode-languageclient/package.json", import.meta.url),
        "utf8",
      ),
    ) as { engines: { vscode: string } };
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
    expect(manifest.devDependencies["@types/vscode"]).toBe(`~${client.engines.vscode.slice(1)}`);
  });
});

/** A snippet's text with each placeholder replaced by its default (`${1:x}` → `x`, `$0`/`${1}` → ""). */
function expand(body: string): string {
  let text = body;
  for (let previous = ""; previous !== text;) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, "$1");
  }
  return text.replace(/\$\{\d+\}|\$\d+/g, "");
}

function includes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(includes);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "include" && typeof value === "string" ? [value] : includes(value),
  );
}
