// The README's screenshot (`npm run screenshot -w @maa-policy/playground`, after `npm run build`):
// the real page from dist/site with its bundled SGX example evaluated, at a laptop's width. Run it
// again when the page changes; docs/decisions.md (Playground) says why one image is committed.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findChromium, launch } from "./chromium.mjs";

const page = fileURLToPath(new URL("dist/site/index.html", import.meta.url));
const out = fileURLToPath(new URL("../../docs/images/playground.png", import.meta.url));
const executable = findChromium();
if (!existsSync(page) || !executable) {
  console.error(
    !executable
      ? "screenshot: no Chromium (apt-get install chromium)"
      : "screenshot: run npm run build first",
  );
  process.exit(2);
}
const browser = await launch(executable, { width: 1200, height: 720 });
try {
  const tab = await browser.context.newPage();
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForSelector("body[data-evaluated]");
  await tab.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
}
