// One bundle per entry, as microsoft/vscode-extension-samples esbuild-sample/esbuild.js: the
// client (vscode stays external: the editor provides it) and the language server from
// packages/lsp, so the .vsix needs no separate install. Both are CommonJS, which every VS Code
// from engines.vscode on loads; `--production` minifies and drops source maps.
import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const production = process.argv.includes("--production");
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The server's stdio entry (the `maa-policy-lsp` bin's module), from TypeScript sources. */
export const SERVER_ENTRY = here("../lsp/src/main.ts");

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // Workspace packages resolve to their TypeScript sources (the "source" export condition).
  conditions: ["source"],
  // ESM builds first: jsonc-parser's UMD "main" requires its own files at run time, which a
  // bundle cannot resolve.
  mainFields: ["module", "main"],
  logLevel: "warning",
};

if (!existsSync(SERVER_ENTRY)) {
  console.error(`esbuild.mjs: the language server entry ${SERVER_ENTRY} does not exist.`);
  process.exit(1);
}

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [here("src/extension.ts")],
    outfile: here("dist/extension.cjs"),
    external: ["vscode"],
  }),
  esbuild.build({
    ...common,
    entryPoints: [SERVER_ENTRY],
    outfile: here("dist/server.cjs"),
    // The server names its own file as the evaluation worker's script (import.meta.url), which a
    // CommonJS bundle does not have: it is this bundle's own file.
    define: { "import.meta.url": "__maaServerUrl" },
    banner: { js: 'const __maaServerUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
]);
