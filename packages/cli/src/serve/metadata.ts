import { success, type Answer } from "./answer.js";
import type { Call, ServeContext } from "./context.js";

/** GET /certs: the instance's token key, found by `kid`, certificate in `x5c` (sdk-wire §3.4). */
export function certs(context: ServeContext): Answer {
  const { kid, certificateBase64 } = context.signing;
  return success({ keys: [{ kid, kty: "RSA", x5c: [certificateBase64] }] });
}

/**
 * The `claims_supported` of the service's OpenID metadata, as recorded (Azure/azure-sdk-for-js,
 * `recordings/node/tokencerttests/recording_getmetadataconfigshared.js`, 2021).
 */
const CLAIMS_SUPPORTED = [
  "cnf",
  "nonce",
  "x-ms-ver",
  "x-ms-attestation-type",
  "x-ms-policy-hash",
  "x-ms-policy-signer",
  "x-ms-sgx-is-debuggable",
  "x-ms-sgx-mrenclave",
  "x-ms-sgx-mrsigner",
  "x-ms-sgx-svn",
  "x-ms-sgx-ehd",
  "x-ms-sgx-collateral",
  "is-debuggable",
  "sgx-mrsigner",
  "sgx-mrenclave",
  "product-id",
  "svn",
  "tee",
];

/** GET /.well-known/openid-configuration: the recorded document, for this instance. */
export function openIdMetadata(call: Call): Answer {
  return success({
    response_types_supported: ["token", "none"],
    id_token_signing_alg_values_supported: ["RS256"],
    revocation_endpoint: `${call.issuer}/revoke`,
    issuer: call.issuer,
    jwks_uri: `${call.issuer}/certs`,
    claims_supported: CLAIMS_SUPPORTED,
  });
}
