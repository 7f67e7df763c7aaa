import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

// Issue 15: unused locals and parameters are compile errors in all our code. Only the antlr-ng
// output opts out, by the `// @ts-nocheck` that packages/parser/scripts/mark-generated.js gives it.
const ROOT = join(import.meta.dirname, "..");

it.each([
  "tsconfig.tests.json",
  ...readdirSync(join(ROOT, "packages")).map((name) => `packages/${name}/tsconfig.json`),
])("%s reports unused locals and parameters", (path) => {
  const file = join(ROOT, path);
  const { config } = ts.readConfigFile(file, (name) => ts.sys.readFile(name)) as { config: unknown };
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(file));
  expect([options.noUnusedLocals, options.noUnusedParameters]).toEqual([true, true]);
});
