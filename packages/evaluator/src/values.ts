import { READ_ONLY_CLAIMS, type Claim, type ClaimValue } from "@maa-policy/parser";
import type { State } from "./state.js";

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
 * every claim this evaluation made from a read-only value (`State.readOnly`, kept per evaluation,
 * as the service keeps nothing between requests). Claim objects stay plain for callers and tests.
 */
export function markReadOnly(claim: Claim, state: State): void {
  (state.readOnly ??= new Set()).add(claim);
}

export function isReadOnly(claim: Claim, state: State): boolean {
  return isReadOnlyType(claim.type) || (state.readOnly !== undefined && state.readOnly.has(claim));
}

/** Whether values read from `claims` carry the taint: whether one of them is read-only. */
export function someReadOnly(claims: readonly Claim[], state: State): boolean {
  // A loop, not `some`: the engine inlines `isReadOnly` here, not into a callback from a builtin.
  for (let i = 0; i < claims.length; i++) if (isReadOnly(claims[i], state)) return true;
  return false;
}

/** The taint of values no read-only claim can give: of a claim's type, or of any claim when none can be read-only. */
export function untainted(): boolean {
  return false;
}

/** A loop over the read-only types (one): cheaper than hashing every issued claim's type for a Set. */
export function isReadOnlyType(type: string): boolean {
  for (let i = 0; i < READ_ONLY_CLAIMS.length; i++) if (READ_ONLY_CLAIMS[i] === type) return true;
  return false;
}
