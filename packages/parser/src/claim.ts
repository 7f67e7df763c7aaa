/**
 * A claim as policies see it (spec §2.3). A multi-valued ("Set") value is several claims of the same
 * type, so a single claim's value is always a scalar. JSON-valued evidence claims (`events`,
 * `x-ms-runtime`, ...) carry their JSON as a String, which `JmesPath()` reads.
 */
export type ClaimValueType = "String" | "Integer" | "Boolean";
export type ClaimValue = string | number | boolean;

/** The issuer of the claims the service derives from the evidence (spec §2.3). */
export const SERVICE_ISSUER = "AttestationService";
/** The issuer of the claims a policy adds or issues. */
export const POLICY_ISSUER = "AttestationPolicy";
/** The issuers the docs name; other strings are allowed but never produced by the service. */
export const ISSUERS = [SERVICE_ISSUER, POLICY_ISSUER, "CustomClaim"] as const;
export type KnownIssuer = (typeof ISSUERS)[number];

export interface Claim {
  readonly type: string;
  readonly value: ClaimValue;
  readonly valueType: ClaimValueType;
  readonly issuer: string;
}

export function valueTypeOf(value: ClaimValue): ClaimValueType {
  return typeof value === "string" ? "String" : typeof value === "number" ? "Integer" : "Boolean";
}
