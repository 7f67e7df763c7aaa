// The web playground (`npm run bench playground`): its bundle size, gzipped, and the time from page
// load to the first diagnostics in headless Chromium, beside the floor of CodeMirror alone (the same
// editor with its basic setup and no language: its size, and the time to its first editor on screen)
// and, for size, Cedar's playground engine (cedar-wasm's web build, without the page around it).
// Budgets (issue 19): under 1.5 MB gzipped in all, first diagnostics under 1 s. Needs Chromium.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateRawSync, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { findChromium, launch } from "../packages/playground/chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const site = join(root, "packages/playground/dist/site");
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
const RUNS = 9;

// Sizes.
const files = readdirSync(site).map((name) => [name, readFileSync(join(site, name))]);
const ours = files.reduce((sum, [, bytes]) => sum + gz(bytes), 0);
const floorDir = mkdtempSync(join(tmpdir(), "maa-bench-codemirror-"));
writeFileSync(
  join(floorDir, "entry.js"),
  `import { basicSetup, EditorView } from "codemirror";
   new EditorView({ parent: document.body, doc: ${JSON.stringify("version=1.0;\n".repeat(20))}, extensions: [basicSetup] });`,
);
await esbuild.build({
  entryPoints: [join(floorDir, "entry.js")],
  outfile: join(floorDir, "floor.js"),
  bundle: true,
  minify: true,
  format: "iife",
  nodePaths: [join(root, "node_modules")],
  logLevel: "warning",
});
writeFileSync(
  join(floorDir, "index.html"),
  '<!doctype html><meta charset="utf-8"><script src="floor.js" defer></script>',
);
const floor = gz(readFileSync(join(floorDir, "floor.js")));
const cedarDir = join(root, "node_modules/@cedar-policy/cedar-wasm/web");
const cedar =
  gz(readFileSync(join(cedarDir, "cedar_wasm_bg.wasm"))) + gz(readFileSync(join(cedarDir, "cedar_wasm.js")));
console.log("bundle size, gzipped (level 9):");
for (const [name, bytes] of files) console.log(`  ${name}: ${kb(gz(bytes))} (${kb(bytes.length)} raw)`);
console.log(`  ours in all: ${kb(ours)} (budget 1,536 kB: ${ours < 1536 * 1024 ? "met" : "MISSED"})`);
console.log(`  floor, CodeMirror alone: ${kb(floor)}; ours is ${(ours / floor).toFixed(1)}x`);
console.log(
  `  peer, Cedar's engine alone (cedar-wasm web, wasm + glue): ${kb(cedar)}; ours is ${(ours / cedar).toFixed(2)}x`,
);

// Time to first diagnostics: a policy with one error, opened from a share link (the page's own
// fragment format), timed in the page from navigation start to the first problem listed.
const policy =
  'version=1.0;\nauthorizationrules\n{\n    [type="x-ms-sgx-is-debuggable", value==true] => deny();\n};\n';
const json = JSON.stringify([policy, "{}", "sgx"]);
const fragment = `#s1=${deflateRawSync(json).toString("base64url")}`;
const executablePath = findChromium();
if (!executablePath) {
  console.log("first diagnostics: not measured, no Chromium (apt-get install chromium)");
  process.exit(0);
}
const browser = await launch(executablePath);
const { context } = browser;
/* global document, window, MutationObserver -- in the page's functions below */
/** ms from navigation start until `selector` is in the page, measured by the page's own clock. */
async function timeTo(url, selector) {
  const page = await context.newPage();
  await page.addInitScript((wanted) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(wanted)) {
        window.__reached = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  await page.goto(url);
  await page.waitForFunction(() => window.__reached !== undefined, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.__reached);
  await page.close();
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const page = `${pathToFileURL(join(site, "index.html")).href}${fragment}`;
const floorPage = pathToFileURL(join(floorDir, "index.html")).href;
const first = [];
const editor = [];
for (let i = 0; i < RUNS + 1; i++) {
  const a = await timeTo(page, "#problems .problem.error");
  const b = await timeTo(floorPage, ".cm-editor");
  // The first load warms Chromium's caches.
  if (i > 0) {
    first.push(a);
    editor.push(b);
  }
}
await browser.close();
rmSync(floorDir, { recursive: true, force: true });
console.log(
  `first diagnostics after page load (median of ${RUNS}, load average ${loadavg()[0].toFixed(1)} on 2 cores):`,
);
console.log(
  `  ours: ${median(first).toFixed(0)} ms (${Math.min(...first).toFixed(0)}-${Math.max(...first).toFixed(0)}; budget 1,000 ms: ${median(first) < 1000 ? "met" : "MISSED"})`,
);
console.log(
  `  floor, CodeMirror alone on screen: ${median(editor).toFixed(0)} ms (${Math.min(...editor).toFixed(0)}-${Math.max(...editor).toFixed(0)})`,
);
