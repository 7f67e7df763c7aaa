import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/support/temp-dir.js";
import { BIN } from "./harness.js";

// The README's Neovim recipe, run for real: headless Neovim with the recipe as its init.lua,
// against the built maa-policy-lsp on PATH, driven by test/neovim/harness.lua. Each Neovim found
// here is run; the README says which versions that was.
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const HARNESS = fileURLToPath(new URL("neovim/harness.lua", import.meta.url));
const recipe = /\nNeovim[^\n]*:\n\n```lua\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const version = nvim.status === 0 ? nvim.stdout.split("\n")[0] : undefined;
if (!version)
  console.warn(
    "neovim.test.ts: nvim is not installed; the README's recipe was not run (apt-get install neovim)",
  );

interface Seen {
  version: string;
  filetype: string;
  client: string | null;
  completion: string[];
  lens: string;
  verdict: string;
  messages: string[];
  diagnostics: string[];
}

function runRecipe(init: string): Seen {
  const dir = tempDir("maa-neovim-");
  symlinkSync(BIN, join(dir, "maa-policy-lsp"));
  writeFileSync(join(dir, "init.lua"), init);
  writeFileSync(
    join(dir, "p.policy"),
    'version=1.0;\nauthorizationrules { [type=="x-ms-sgx-is-debuggable", value==false] => permit(); };\nissuancerules {\n  c:[type=="x-ms-sgx-svn"] => issue(type="svn", value=c.value);\n};\n',
  );
  writeFileSync(join(dir, "p.claims.json"), '{ "x-ms-sgx-is-debuggable": false, "x-ms-sgx-svn": 3 }');
  writeFileSync(join(dir, "broken.policy"), "version=1.0\nauthorizationrules { => permit(); };\n");
  const result = spawnSync("nvim", ["--headless", "--clean", "-u", "init.lua", "-c", `luafile ${HARNESS}`], {
    cwd: dir,
    env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ""}` },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect([result.status, result.stderr]).toEqual([0, ""]);
  return JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as Seen;
}

describe.runIf(version)(`the README's Neovim recipe in ${version}`, () => {
  it("is in the README", () => {
    expect(recipe).toContain('cmd = { "maa-policy-lsp", "--stdio" }');
  });

  it("starts the server for .policy files: settings, completion, the Evaluate lens, diagnostics", () => {
    const seen = runRecipe(recipe);
    expect(seen).toMatchObject({
      filetype: "maapolicy",
      client: "maa_policy",
      lens: "maa-policy-lsp.evaluate",
      verdict: "permit",
      messages: ["p.policy: permitted against p.claims.json, 1 claim issued"],
      diagnostics: ["missing ';' at 'authorizationrules'\nInsert ';' here."],
    });
    expect(seen.completion).toContain('"x-ms-sgx-svn"');
  }, 90_000);

  it("delivers the settings: attestationType tpm completes TPM claims", () => {
    const seen = runRecipe(recipe.replace('attestationType = "sgx"', 'attestationType = "tpm"'));
    expect([seen.completion.includes('"aikValidated"'), seen.completion.includes('"x-ms-sgx-svn"')]).toEqual([
      true,
      false,
    ]);
  }, 90_000);
});
