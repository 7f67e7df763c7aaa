import { configAttestationType, parseProjectConfig, type AnalysisOptions } from "@maa-policy/parser";
import type { Settings } from "./protocol.js";

/** The project config (`maa-policy.json`) found upward from a document, by a host that has files. */
export type ProjectConfigFinder = (
  uri: string,
) => { path: string; text: string; relativePath: string } | undefined;

/**
 * The same resolution as `policy-eval check` (docs/claims.md): the editor's setting is the
 * default; the project config found upward from the file, and the file's own pragma, win. A
 * config that does not read is left out here (the CLI names its fault); read on each analysis,
 * so an edit to it applies at the next keystroke. Without a finder (the browser) there is none.
 */
export function analysisOptionsFor(
  uri: string,
  settings: Settings,
  find: ProjectConfigFinder | undefined,
): AnalysisOptions {
  const base = { ...(settings.attestationType && { attestationType: settings.attestationType }) };
  const found = find?.(uri);
  const parsed = found && parseProjectConfig(found.text);
  if (!found || !parsed?.ok) return base;
  const type = configAttestationType(parsed.config, found.relativePath);
  return {
    ...base,
    project: { claims: parsed.config.claims, file: found.path, ...(type && { attestationType: type }) },
  };
}
