import { readFileSync } from "node:fs";
import { UsageError } from "./io.js";
import { resolve } from "node:path";
import {
  ATTESTATION_TYPES,
  configAttestationType,
  findProjectConfig,
  parseAttestationType,
  parseProjectConfig,
  type AnalysisOptions,
  type AttestationType,
} from "@maa-policy/parser";

/**
 * What a policy is analysed with besides its text: the project config (`maa-policy.json`)
 * found upward from it, and the command line's `--attestation-type` as the default (the file's
 * pragma and the config win; docs/claims.md). Shared by check, eval and test.
 */
export function analysisOptions(
  path: string,
  attestationType: AttestationType | undefined,
  read: ConfigReader = readIfPresent,
): AnalysisOptions | { error: UsageError } {
  const base = { ...(attestationType && { attestationType }) };
  if (path === "-") return base;
  const found = findProjectConfig(resolve(path), read);
  if (!found) return base;
  const parsed = parseProjectConfig(found.text);
  if (!parsed.ok) return { error: new UsageError(parsed.error, found.path) };
  const type = configAttestationType(parsed.config, found.relativePath);
  return {
    ...base,
    project: { claims: parsed.config.claims, file: found.path, ...(type && { attestationType: type }) },
  };
}

/** `--attestation-type` as users write it (`SgxEnclave`, `sevsnp`, …), or why it is none. */
export function attestationTypeOption(
  text: string | undefined,
): AttestationType | undefined | { error: string } {
  if (text === undefined) return undefined;
  return (
    parseAttestationType(text) ?? {
      error: `--attestation-type: '${text}' is not an attestation type (${ATTESTATION_TYPES.join(", ")})`,
    }
  );
}

/** Reads a config file that may be absent (undefined then). */
export type ConfigReader = (path: string) => string | undefined;

/**
 * For one run over many files: each candidate config file is read (or found absent) once, not
 * once per policy beside it; a lookup that finds none tries every folder up to the root, and each
 * failed read costs an exception.
 */
export function configReaderForRun(): ConfigReader {
  const seen = new Map<string, string | undefined>();
  return (path) => {
    if (!seen.has(path)) seen.set(path, readIfPresent(path));
    return seen.get(path);
  };
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
