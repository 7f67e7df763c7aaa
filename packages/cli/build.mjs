// Bundles `policy-eval` into a few files for a fast start: Node resolves and compiles one module
// graph of ~150 files otherwise. Each command stays a chunk of its own, loaded only when it runs
// (see src/commands/index.ts). `tsc -b` still type-checks and emits dist/ for tests and libraries.
import { rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry a content hash: without a clean start, every build would leave its old chunks.
rmSync("dist/bundle", { recursive: true, force: true });

const { metafile } = await build({
  // The worker threads of `check` (src/analyze-many.ts) run an entry of their own, beside the chunks.
  entryPoints: { "policy-eval": "src/main.ts", "analyze-worker": "src/analyze-worker.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["source"],
  // Prefer ES module builds: the UMD build of jsonc-parser requires its parts dynamically.
  mainFields: ["module", "main"],
  // Loaded from node_modules instead: x509 needs the reflect-metadata polyfill evaluated before it,
  // an order that bundling does not keep (token and signer commands only); yaml's CommonJS build
  // loses its named exports when a bundle imports it dynamically (the test command only);
  // @pnpm/tabtab reads its shell scripts from files beside its own code (completion only).
  external: ["@peculiar/x509", "reflect-metadata", "tsyringe", "yaml", "@pnpm/tabtab"],
  sourcemap: true,
  // Which sources each chunk holds: the bundle test checks which of them a command loads.
  metafile: true,
  logLevel: "warning",
  // CommonJS dependencies bundled into ESM expect `require`.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
});
writeFileSync("dist/bundle/metafile.json", JSON.stringify(metafile));
