import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { jsonTooDeepAt, type Claim, type ServiceError, type Result } from "@maa-policy/parser";
import { encodeUnsecuredJws, policyHash } from "@maa-policy/tokens/encoding";
import { DEFAULT_TOKEN_LIFETIME_SECONDS } from "./decisions.js";
import type { EvaluationResult } from "./evaluate.js";
import { evidenceTokenClaims } from "./evidence-claims.js";

export interface DraftTokenOptions {
  /** The policy text exactly as evaluated: `x-ms-policy-hash` is byte-exact (spec §4.5). */
  readonly policyText: string;
  /** Seconds since the epoch, or a Date; defaults to now. Pass it for reproducible tokens. */
  readonly now?: number | Date;
  /** `iss`: the instance URL the token claims to come from. */
  readonly issuer?: string;
  /** `x-ms-attestation-type`; defaults to the incoming claim of that name. */
  readonly attestationType?: string;
  /** Defaults to the SHA-256 (hex) of the rest of the body, so equal inputs give equal tokens. */
  readonly jti?: string;
  /** `x-ms-policy-signer`: the JWK of the certificate that signed the policy, for a signed policy. */
  readonly policySigner?: object;
}

export type DraftToken = Result<
  { readonly token: string; readonly header: object; readonly body: Record<string, unknown> },
  { readonly error: ServiceError }
>;

export const DEFAULT_TOKEN_ISSUER = "https://localhost";

/**
 * The unsecured token `draftPolicyForAttestation` returns (spec §4.6): `alg` `none`, an empty
 * signature, the issued claims at top level and under `x-ms-policy` (absent when none), the evidence's `x-ms-*`
 * claims, and the service's own claims. A failed evaluation has no token, only its error.
 */
export function draftToken(result: EvaluationResult, options: DraftTokenOptions): DraftToken {
  if (!result.permitted) return { ok: false, error: result.error! };
  const now =
    options.now instanceof Date
      ? Math.floor(options.now.getTime() / 1000)
      : (options.now ?? Math.floor(Date.now() / 1000));
  const validity = result.properties.some((p) => p.type === "report_validity_in_minutes")
    ? Number(result.engine.report_validity_in_minutes) * 60
    : DEFAULT_TOKEN_LIFETIME_SECONDS;
  const attestationType =
    options.attestationType ?? result.input.find((c) => c.type === "x-ms-attestation-type")?.value;
  const policyClaims = toJwtClaims(result.issued);
  const body: Record<string, unknown> = {
    ...toJwtClaims(evidenceTokenClaims(result.input)),
    ...(attestationType === "sgx"
      ? { "x-ms-sgx-tcbidentifier": result.engine["x-ms-sgx-tcbidentifier"] }
      : {}),
    ...policyClaims,
    // A policy that issued nothing leaves no trace: no empty `x-ms-policy` (spec §8.1).
    ...(result.issued.length > 0 ? { "x-ms-policy": policyClaims } : {}),
    "x-ms-policy-hash": policyHash(options.policyText),
    ...(options.policySigner === undefined ? {} : { "x-ms-policy-signer": options.policySigner }),
    "x-ms-ver": "1.0",
    ...(attestationType === undefined ? {} : { "x-ms-attestation-type": attestationType }),
    iss: options.issuer ?? DEFAULT_TOKEN_ISSUER,
    iat: now,
    nbf: now,
    exp: now + validity,
  };
  body.jti = options.jti ?? bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(sorted(body)))));
  const header = { alg: "none", typ: "JWT" };
  const payload = sorted(body);
  return { ok: true, token: encodeUnsecuredJws(header, payload), header, body: payload };
}

/**
 * One JWT claim per type: a single value as itself, several as an array in issue order. A
 * String holding a JSON object or array (`events`, `x-ms-sgx-collateral`) goes in as that JSON.
 */
function toJwtClaims(claims: readonly Claim[]): Record<string, unknown> {
  const grouped = new Map<string, unknown[]>();
  for (const claim of claims) {
    const values = grouped.get(claim.type) ?? [];
    values.push(jsonValue(claim));
    grouped.set(claim.type, values);
  }
  return Object.fromEntries(
    [...grouped].map(([type, values]) => [type, values.length === 1 ? values[0] : values]),
  );
}

function jsonValue(claim: Claim): unknown {
  // Too deep to write back out as JSON: it stays the string it came as.
  if (
    typeof claim.value === "string" &&
    /^\s*[[{]/.test(claim.value) &&
    jsonTooDeepAt(claim.value) === undefined
  ) {
    try {
      return JSON.parse(claim.value) as unknown;
    } catch {
      return claim.value;
    }
  }
  return claim.value;
}

/** The service writes the body's keys in sorted order (every recorded token). */
function sorted(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(body)
      .sort()
      .map((k) => [k, body[k]]),
  );
}
