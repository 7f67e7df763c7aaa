import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export { findChromium, launch } from "../chromium.mjs";

export const SITE = fileURLToPath(new URL("../dist/site/", import.meta.url));
/** Screenshots for a reviewer; git-ignored, never committed. */
export const ARTIFACTS = fileURLToPath(new URL("../../../artifacts/playground/", import.meta.url));

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
