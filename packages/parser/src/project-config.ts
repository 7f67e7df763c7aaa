import { minimatch } from "minimatch";
import type { Result } from "./result.js";
import type { ClaimValueType } from "./claim.js";
import { parseAttestationType, type AttestationType } from "./claims-catalogue.js";
import { VALUE_TYPES } from "./language.js";

/**
 * The project config, `maa-policy.json`, found upward from a policy (docs/claims.md, and its JSON
 * schema `maa-policy.schema.json` at the parser package's root):
 *
 *     { "attestationType": { "tpm/**": "tpm", "**": "sgx" }, "claims": { "my-claim": "String" } }
 *
 * `attestationType` is one type for every policy below the file, or globs (relative to the
 * file's folder, first match wins) to types; `claims` declares claims the catalogue does not
 * know, with their value types. Reading files is the adapters' business: this module is given text.
 */
export const PROJECT_CONFIG_FILE = "maa-policy.json";

export interface ProjectConfig {
  readonly attestationTypes: readonly (readonly [glob: string, type: AttestationType])[];
  readonly claims: Readonly<Record<string, ClaimValueType>>;
}

export type ProjectConfigResult = Result<{ config: ProjectConfig }, { error: string }>;

export function parseProjectConfig(text: string): ProjectConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return { ok: false, error: "must be a JSON object" };
  const { attestationType, claims, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest).filter((k) => k !== "$schema");
  if (unknown.length > 0)
    return { ok: false, error: `unknown field '${unknown[0]}' (fields: attestationType, claims)` };
  const types = readTypes(attestationType);
  if (typeof types === "string") return { ok: false, error: types };
  const declared = readClaims(claims);
  if (typeof declared === "string") return { ok: false, error: declared };
  return { ok: true, config: { attestationTypes: types, claims: declared } };
}

function readTypes(value: unknown): ProjectConfig["attestationTypes"] | string {
  if (value === undefined) return [];
  const entries: [string, unknown][] =
    typeof value === "string"
      ? [["**", value]]
      : value !== null && typeof value === "object" && !Array.isArray(value)
        ? Object.entries(value)
        : [];
  if (typeof value !== "string" && entries.length === 0 && value !== undefined && !isEmptyObject(value))
    return "'attestationType' must be a type name or an object of globs to type names";
  const result: [string, AttestationType][] = [];
  for (const [glob, name] of entries) {
    const type = typeof name === "string" ? parseAttestationType(name) : undefined;
    if (!type) return `'attestationType' for '${glob}': ${JSON.stringify(name)} is not an attestation type`;
    result.push([glob, type]);
  }
  return result;
}

function readClaims(value: unknown): ProjectConfig["claims"] | string {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return "'claims' must be an object of claim types to value types";
  for (const [type, valueType] of Object.entries(value))
    if (!(VALUE_TYPES as readonly unknown[]).includes(valueType))
      return `'claims': '${type}' must be ${VALUE_TYPES.join(", ")}, not ${JSON.stringify(valueType)}`;
  return value as ProjectConfig["claims"];
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && Object.keys(value).length === 0;
}

/** The attestation type the config gives a policy at `relativePath` (from the config's folder, `/`-separated). */
export function configAttestationType(
  config: ProjectConfig,
  relativePath: string,
): AttestationType | undefined {
  return config.attestationTypes.find(([glob]) => minimatch(relativePath, glob, { dot: true }))?.[1];
}

/**
 * The nearest `maa-policy.json` above a policy file: `read` gives a file's text or undefined
 * when there is none. Paths are the caller's own (`/` or `\`); the result's `relativePath` is the
 * policy's path from the config's folder, with `/`.
 */
export function findProjectConfig(
  policyPath: string,
  read: (path: string) => string | undefined,
): { path: string; text: string; relativePath: string } | undefined {
  const separator = policyPath.includes("\\") && !policyPath.includes("/") ? "\\" : "/";
  const parts = policyPath.split(/[\\/]/);
  for (let depth = parts.length - 1; depth >= 1; depth--) {
    const folder = parts.slice(0, depth);
    const path = [...folder, PROJECT_CONFIG_FILE].join(separator);
    const text = read(path);
    if (text !== undefined) return { path, text, relativePath: parts.slice(depth).join("/") };
  }
  return undefined;
}
