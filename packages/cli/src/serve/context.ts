import type { Instances } from "./instances.js";
import type { SigningIdentity } from "./key-files.js";

export type Mode = "aad" | "isolated";

/** What every handler may use: the instances, the token key and the provider's settings. */
export interface ServeContext {
  readonly instances: Instances;
  readonly signing: SigningIdentity;
  /** `isolated`: only policies and signer changes signed by a registered signer are taken. */
  readonly mode: Mode;
  /** The evidence trust anchor; Intel's SGX Root CA unless given (tests, private PKIs). */
  readonly rootPublicKey?: Uint8Array;
}

/** One request, routed: its instance, the instance URL (`iss`), the type in the path and its body. */
export interface Call {
  readonly prefix: string;
  readonly issuer: string;
  readonly type: string | undefined;
  /** The body as text (a policy JWS is raw text). */
  readonly text: string;
  /** The body parsed, for JSON routes. */
  readonly json: unknown;
}
