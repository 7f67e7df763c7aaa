import type { Policy } from "./ast.js";
import { ATTESTATION_TYPES, parseAttestationType, type AttestationType } from "./claims-catalogue.js";
import { testedClaims } from "./checker/claim-knowledge.js";
import type { LineIndex, Range } from "./position.js";

/**
 * Which attestation type a policy is checked for, and who said so. One resolution for every
 * adapter (docs/claims.md): the file's pragma, then the project config's glob, then the caller's
 * default (`check --attestation-type`, the editor's `maaPolicy.attestationType`), then what the
 * policy's claims imply. Without any, `type` is undefined and only what needs no type is checked.
 */
export interface AttestationTypeResolution {
  readonly type: AttestationType | undefined;
  readonly source: "pragma" | "config" | "option" | "inferred" | "none";
  /** For `inferred`: the claim that decided. For `config`: the config file. */
  readonly because?: string;
}

/** A pragma that names no attestation type: reported where it is written. */
export interface PragmaProblem {
  readonly written: string;
  readonly range: Range;
}

/** `// maa-policy: attestation-type=sgx` (or in a block comment), anywhere in the text. */
const PRAGMA = /\/[/*]\s*maa-policy:\s*attestation-type\s*=\s*([A-Za-z0-9_-]*)/;

export function readPragma(
  text: string,
  lines: LineIndex,
): { type?: AttestationType; problem?: PragmaProblem } | undefined {
  // Most policies have no pragma: one indexOf before any regular expression.
  if (!text.includes("maa-policy:")) return undefined;
  const match = PRAGMA.exec(text);
  if (!match) return undefined;
  const type = parseAttestationType(match[1]);
  if (type) return { type };
  const start = match.index + match[0].length - match[1].length;
  const end = Math.max(start + match[1].length, start + 1);
  return { problem: { written: match[1], range: lines.range(start, Math.min(end, text.length)) } };
}

export function resolveAttestationType(
  policy: Policy | undefined,
  pragma: AttestationType | undefined,
  config: { type?: AttestationType; file?: string } | undefined,
  fallback: AttestationType | undefined,
): AttestationTypeResolution {
  if (pragma) return { type: pragma, source: "pragma" };
  if (config?.type)
    return { type: config.type, source: "config", ...(config.file && { because: config.file }) };
  if (fallback) return { type: fallback, source: "option" };
  const inferred = policy && inferAttestationType(policy);
  return inferred ? { ...inferred, source: "inferred" } : { type: undefined, source: "none" };
}

/**
 * The attestation type every catalogued claim the policy tests belongs to (the first in
 * `ATTESTATION_TYPES` order when several do, so SGX before OpenEnclave, TPM before VBS); when no
 * type has them all, the type that has most of them. Claims every type has decide nothing.
 */
function inferAttestationType(policy: Policy): { type: AttestationType; because: string } | undefined {
  const counts = new Map<AttestationType, number>();
  let tested = 0;
  let first: string | undefined;
  for (const [claim, count] of testedClaims(policy)) {
    if (claim.attestationTypes.length === ATTESTATION_TYPES.length) continue;
    tested += count;
    first ??= claim.type;
    for (const t of claim.attestationTypes) counts.set(t, (counts.get(t) ?? 0) + count);
  }
  if (!first) return undefined;
  let best: AttestationType | undefined;
  for (const t of ATTESTATION_TYPES)
    if ((counts.get(t) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = t;
  return best && { type: best, because: tested === counts.get(best) ? `'${first}'` : "most of its claims" };
}
