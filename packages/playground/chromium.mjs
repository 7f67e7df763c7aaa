// Headless Chromium for the browser tests, the README screenshot and the benchmark: Debian's
// `chromium` (CI installs it, see .ci/run), driven by playwright-core, which downloads no browser.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

/** `CHROMIUM` if set, else Debian's, else a `chromium` on the PATH; undefined where there is none. */
export function findChromium() {
  if (process.env.CHROMIUM) return existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : undefined;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const found = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim();
  return found === "" ? undefined : found;
}

/**
 * Without the background-networking flags Chromium's own connections are refused by a closed network
 * many at a time; a fresh empty profile keeps runs independent.
 */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser context with its own temporary profile; `close` removes the profile too. */
export async function launch(executablePath, viewport = { width: 1400, height: 900 }) {
  const profile = mkdtempSync(join(tmpdir(), "maa-playground-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
