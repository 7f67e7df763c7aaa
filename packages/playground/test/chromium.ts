/**
 * Real headless Chromium for the browser tests: Debian's `chromium` (CI installs it, see .ci/run),
 * driven by playwright-core, which downloads no browser. Where no Chromium is found the suite says
 * so loudly and skips.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";

export const SITE = fileURLToPath(new URL("../dist/site/", import.meta.url));
/** Screenshots for a reviewer; git-ignored, never committed. */
export const ARTIFACTS = fileURLToPath(new URL("../../../artifacts/playground/", import.meta.url));

/** `CHROMIUM` if set, else Debian's, else a `chromium` on the PATH. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
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

export async function launch(
  executablePath: string,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "maa-playground-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
