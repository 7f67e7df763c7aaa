import { createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import {
  ENCODE_TOKEN_REQUEST,
  HASH_REQUEST,
  type EncodeTokenResult,
  type HashResult,
  type UriParams,
} from "../protocol.js";
import type { Workspace } from "../workspace.js";

/** `maaPolicy/hash` and `maaPolicy/encodeToken` over the open document's exact text. */
export function register(ws: Workspace): void {
  const text = (uri: string) => ws.documents.get(uri)?.getText();
  const notOpen = (uri: string) => new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open.`);
  ws.connection.onRequest(HASH_REQUEST, ({ uri }: UriParams): HashResult | ResponseError => {
    const policy = text(uri);
    if (policy === undefined) return notOpen(uri);
    return { policyHash: policyHash(policy), tokenHash: policyTokenHash(createUnsignedPolicyToken(policy)) };
  });
  ws.connection.onRequest(ENCODE_TOKEN_REQUEST, ({ uri }: UriParams): EncodeTokenResult | ResponseError => {
    const policy = text(uri);
    return policy === undefined ? notOpen(uri) : { token: createUnsignedPolicyToken(policy) };
  });
}
