export { claimsFromEvidence, type EvidenceRequest, type EvidenceResult } from "./claims-from-evidence.js";
export { JSON_VALUED_CLAIM_TYPES, sgxClaims, hasKss } from "./claims.js";
export type { CrlInput, RevocationStatus } from "./crl.js";
export type { EnclaveData } from "./enclave-data.js";
export { JSON_DATA_KEY_ORDER, serviceJsonText } from "./json-data.js";
export type { QeIdentityInput, QeIdentityStatus } from "./qe-identity.js";
export { DATA_ERROR_CODE, QUOTE_ERROR_CODE, type EvidenceError, type EvidenceErrorId } from "./errors.js";
export { decodeEvidence, parseEvidence, type EvidenceKind, type ParsedEvidence } from "./evidence.js";
export { INTEL_SGX_ROOT_CA_PUBLIC_KEY } from "./intel-root.js";
export type { ReportBody } from "./report-body.js";
export type { Located, SgxQuote } from "./sgx-quote.js";
export { NOT_VERIFIED_OFFLINE, type Verification } from "./verify-quote.js";
export { forgetVerifiedChains } from "./pck-chain.js";
export {
  cachingEvidenceCrypto,
  createWebEvidenceCrypto,
  webEvidenceCrypto,
  type EcdsaHash,
  type EvidenceCrypto,
} from "./evidence-crypto.js";
