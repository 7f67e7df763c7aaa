import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findProjectConfig } from "@maa-policy/parser";
import type { ProjectConfigFinder } from "./project.js";

/** `maa-policy.json` upward from a `file:` document, read from disk. */
export const findNodeProjectConfig: ProjectConfigFinder = (uri) =>
  uri.startsWith("file:") ? findProjectConfig(fileURLToPath(uri), readIfPresent) : undefined;

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
