import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { expect, it } from "vitest";

// What a module loads when it is imported: its static imports, followed through the built `dist/`
// of our packages (`npm test` builds first) and named by package for everything else. Dynamic
// `import()`s load later, on use, and are not followed.
const ROOT = join(import.meta.dirname, "..");
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;

function packageEntry(specifier: string): string | undefined {
  const match = /^@maa-policy\/([^/]+)(\/.+)?$/.exec(specifier);
  if (!match) return undefined;
  const dir = join(ROOT, "packages", match[1]);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    exports: Record<string, { default: string }>;
  };
  return join(dir, manifest.exports[`.${match[2] ?? ""}`].default);
}

function loadedBy(entry: string): { ours: string[]; external: string[] } {
  const ours = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (ours.has(file)) return;
    ours.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const target = specifier.startsWith(".")
        ? resolve(dirname(file), specifier)
        : (packageEntry(specifier) ??
          external.add(
            specifier
              .split("/")
              .slice(0, specifier.startsWith("@") ? 2 : 1)
              .join("/"),
          ));
      if (typeof target === "string") visit(target);
    }
  };
  visit(entry);
  return {
    ours: [...ours].map((file) => file.slice(ROOT.length + 1)).sort(),
    external: [...external].sort(),
  };
}

it.runIf(existsSync(join(ROOT, "packages/tokens/dist/encoding.js")))(
  "the light @maa-policy/tokens/encoding loads the model of the language, not the parser (issue 15)",
  () => {
    const loaded = loadedBy(packageEntry("@maa-policy/tokens/encoding")!);
    // Before the model entry: 75 modules of ours, and antlr4ng, antlr4-c3, minimatch and JMESPath.
    expect(loaded.external).toEqual(["@noble/hashes"]);
    expect(loaded.ours.filter((file) => file.startsWith("packages/parser/"))).toEqual([
      "packages/parser/dist/authorization-messages.js",
      "packages/parser/dist/claim.js",
      "packages/parser/dist/diagnostic-codes.js",
      "packages/parser/dist/diagnostic.js",
      "packages/parser/dist/json-depth.js",
      "packages/parser/dist/limits.js",
      "packages/parser/dist/model.js",
      "packages/parser/dist/position.js",
      "packages/parser/dist/service-error.js",
      "packages/parser/dist/text-encoding.js",
    ]);
    expect(loaded.ours.length).toBe(14);
  },
);

it.runIf(existsSync(join(ROOT, "packages/evaluator/dist/index.js")))(
  "the parser and the evaluator load ANTLR only on demand, for a syntax error or completion (issue 18)",
  () => {
    for (const entry of ["@maa-policy/parser", "@maa-policy/evaluator"]) {
      const loaded = loadedBy(packageEntry(entry)!);
      expect(loaded.external.filter((name) => name.startsWith("antlr4"))).toEqual([]);
      expect(loaded.ours.filter((file) => /generated\/|antlr|completion\.js$/.test(file))).toEqual([
        "packages/parser/dist/generated/MaaPolicyTokens.js",
      ]);
    }
    // The one module that imports the generated parser's modules, loaded by `import()`.
    expect(loadedBy(join(ROOT, "packages/parser/dist/antlr-entry.js")).external).toEqual(
      expect.arrayContaining(["antlr4ng", "antlr4-c3"]),
    );
  },
);
