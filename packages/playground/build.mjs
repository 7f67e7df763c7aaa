// Bundles the playground into dist/site: a static page that works from file:// and any static host,
// with no network access at run time. The worker (language server and core) is bundled first and
// embedded in the page's script, because browsers refuse `new Worker(url)` for a file:// page;
// classic scripts for the same reason (module scripts from file:// are refused too).
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { readExamples } from "./examples.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const SITE = here("dist/site/");

const common = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome111", "firefox113", "safari16.4"],
  minify: true,
  // Workspace packages resolve to their TypeScript sources (the "source" export condition).
  conditions: ["source"],
  // ESM builds first: jsonc-parser's UMD "main" requires its own files at run time.
  mainFields: ["browser", "module", "main"],
  legalComments: "none",
  logLevel: "warning",
};

rmSync(SITE, { recursive: true, force: true });
mkdirSync(SITE, { recursive: true });
const worker = await esbuild.build({ ...common, entryPoints: [here("src/engine/worker.ts")], write: false });
await esbuild.build({
  ...common,
  entryPoints: [here("src/page/main.ts")],
  outfile: `${SITE}playground.js`,
  define: {
    WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text),
    EXAMPLES: JSON.stringify(readExamples()),
  },
});
for (const file of ["index.html", "playground.css"]) copyFileSync(here(`static/${file}`), `${SITE}${file}`);
