import type { ClaimValueType } from "../claim.js";

/**
 * Where a catalogue row comes from, in the spec's words (§2.6): `DOC` a Microsoft page, `REC` a
 * recorded service token, `REAL` a real policy uploaded to the service, `CORPUS` a docs sample
 * that uses a name no list documents, `INFERRED` our reading of several sources.
 */
export type Evidence = `${"DOC" | "REC" | "REAL" | "CORPUS" | "INFERRED"}: ${string}`;

/** What values a claim can take, beyond its type: a condition outside it can never hold. */
export type Domain =
  | { readonly kind: "integer"; readonly min: number; readonly max: number; readonly what: string }
  | { readonly kind: "hex"; readonly digits: number; readonly what: string };

export interface Row {
  readonly type: string;
  readonly valueType: ClaimValueType;
  readonly description: string;
  readonly evidence: Evidence;
  /** For deprecated names: the current name. */
  readonly replacedBy?: string;
  readonly domain?: Domain;
}

export const u8 = (what: string): Domain => ({ kind: "integer", min: 0, max: 0xff, what });
export const u16 = (what: string): Domain => ({ kind: "integer", min: 0, max: 0xffff, what });
export const u32 = (what: string): Domain => ({ kind: "integer", min: 0, max: 0xffff_ffff, what });
/** Lower-case hex of a fixed length: the service writes measurements so (spec §2.6, REC). */
export const hex = (bytes: number, what: string): Domain => ({ kind: "hex", digits: bytes * 2, what });

/** A row maker for one source: every row it makes carries `evidence` and the type's `prefix`. */
export function rowsFrom(evidence: Evidence, prefix = "") {
  return (type: string, valueType: ClaimValueType, description: string, domain?: Domain): Row => ({
    type: `${prefix}${type}`,
    valueType,
    description,
    evidence,
    ...(domain && { domain }),
  });
}
