import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  configAttestationType,
  findProjectConfig,
  parseProjectConfig,
  type AnalysisOptions,
} from "@maa-policy/parser";
import type { Settings } from "./protocol.js";

/**
 * The same resolution as `policy-eval check` (docs/claims.md): the editor's setting is the
 * default; the project config found upward from the file, and the file's own pragma, win. A
 * config that does not read is left out here (the CLI names its fault); read on each analysis,
 * so an edit to it applies at the next keystroke.
 */
export function analysisOptionsFor(uri: string, settings: Settings): AnalysisOptions {
  const base = { ...(settings.attestationType && { attestationType: settings.attestationType }) };
  if (!uri.startsWith("file:")) return base;
  const found = findProjectConfig(fileURLToPath(uri), readIfPresent);
  const parsed = found && parseProjectConfig(found.text);
  if (!found || !parsed?.ok) return base;
  const type = configAttestationType(parsed.config, found.relativePath);
  return {
    ...base,
    project: { claims: parsed.config.claims, file: found.path, ...(type && { attestationType: type }) },
  };
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
