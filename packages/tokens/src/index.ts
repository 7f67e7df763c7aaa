export * from "./encoding.js";
export { ok, fail, type Result, type TokenWarning, type TokenLocation } from "./result.js";
export { decomposeJws, payloadObject, type JwsParts } from "./jws.js";
export { checkAlgorithm, type TokenAlgorithm } from "./algorithm.js";
export * from "./decisions.js";
export {
  certificateJwk,
  certificatesFromPem,
  certificatesFromX5c,
  describeCertificate,
  X509Certificate,
  type CertificateInfo,
  type CertificateJwk,
} from "./certificates.js";
export { loadSigningKey, signJws, type SigningKey } from "./signing-key.js";
export {
  createUnsignedPolicyToken,
  createPolicyToken,
  createResetToken,
  decodePolicyToken,
  UNSIGNED_RESET_TOKEN,
  type PolicyToken,
} from "./policy-token.js";
export { verifyJws, type VerifyOptions, type Verification, type SignerJwk } from "./verify.js";
export { checkCertificateChain } from "./chain.js";
export { checkCritical, headerChain } from "./header.js";
export * from "./limits.js";
export {
  createPolicyCertificateToken,
  decodePolicyCertificateToken,
  type PolicyCertificateToken,
} from "./signer-token.js";
export { decodePolicyResult, type PolicyResult } from "./response-token.js";
export { serviceTokenHeader, signServiceToken, type ServiceKeyId } from "./service-token.js";
