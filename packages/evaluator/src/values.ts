import { READ_ONLY_CLAIMS, type Claim, type ClaimValue } from "@maa-policy/parser";

/**
 * What an expression evaluates to: one value, or a Set (several, or none after
 * `JsonToClaimValue("null")`). `readOnly` is the read-only taint of spec §1.6.
 */
export interface Values {
  readonly items: readonly ClaimValue[];
  readonly readOnly: boolean;
}

export const EMPTY: Values = { items: [], readOnly: false };

export function single(value: ClaimValue, readOnly = false): Values {
  return { items: [value], readOnly };
}

/** Strict equality: an Integer never equals a String or a Boolean (docs/semantics.md, "Comparisons"). */
export function sameValue(a: ClaimValue, b: ClaimValue): boolean {
  return a === b;
}

export function describeValue(value: ClaimValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** "a String", "an Integer", "a Boolean". */
export function withArticle(type: "String" | "Integer" | "Boolean"): string {
  return `${type === "Integer" ? "an" : "a"} ${type}`;
}

export function typeName(value: ClaimValue): "String" | "Integer" | "Boolean" {
  return typeof value === "string" ? "String" : typeof value === "number" ? "Integer" : "Boolean";
}

/**
 * Claims whose values are read-only (spec §1.6): every claim of a read-only type (`pcrs`) and
 * every claim made from a read-only value. A WeakSet keeps `Claim` objects plain for callers and
 * tests, and the type test needs no pass over the input before evaluation.
 */
const readOnlyClaims = new WeakSet<Claim>();
/** Whether any claim was ever marked: until one is (most processes never), no lookup is needed. */
let anyMarked = false;

export function markReadOnly(claim: Claim): Claim {
  readOnlyClaims.add(claim);
  anyMarked = true;
  return claim;
}

export function isReadOnly(claim: Claim): boolean {
  return isReadOnlyType(claim.type) || (anyMarked && readOnlyClaims.has(claim));
}

/** A loop over the read-only types (one): cheaper than hashing every issued claim's type for a Set. */
function isReadOnlyType(type: string): boolean {
  for (let i = 0; i < READ_ONLY_CLAIMS.length; i++) if (READ_ONLY_CLAIMS[i] === type) return true;
  return false;
}
