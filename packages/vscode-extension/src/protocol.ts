/**
 * The server's custom requests. packages/lsp (src/protocol.ts) owns the contract; the types come
 * from there (erased at build time), the method names are repeated so that the client bundle
 * never pulls in server code.
 */
export type { EvaluateResult, EncodeTokenResult, HashResult } from "@maa-policy/lsp";

export const EVALUATE_REQUEST = "maaPolicy/evaluate";
export const HASH_REQUEST = "maaPolicy/hash";
export const ENCODE_TOKEN_REQUEST = "maaPolicy/encodeToken";
/** The server's Evaluate code lens command; here it opens the result panel (client.ts). */
export const EVALUATE_LENS_COMMAND = "maa-policy-lsp.evaluate";
