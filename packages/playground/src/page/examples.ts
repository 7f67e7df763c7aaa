import type { AttestationKindId } from "../attestation-kinds.js";
import type { PlaygroundState } from "./share.js";

/**
 * One example per attestation type (packages/playground/examples.mjs lists the files; build.mjs
 * puts their texts here, exactly as written).
 */
declare const EXAMPLES: Record<AttestationKindId, { readonly policy: string; readonly claims: string }>;

export function example(type: AttestationKindId): PlaygroundState {
  return { ...EXAMPLES[type], type };
}
