import type { Row } from "./row.js";

/** Incoming for every attestation type ("common incoming claims", claim-sets.md @0086deb). */
export const COMMON_CLAIMS: readonly Row[] = [
  {
    type: "x-ms-attestation-type",
    valueType: "String",
    description: 'The attestation type: "sgx" (also OpenEnclave), "sevsnpvm", "tdxvm", "azurevm", …',
    evidence: "DOC: claim-sets.md, common incoming claims",
  },
  {
    type: "x-ms-ver",
    valueType: "String",
    description: "The token format version.",
    evidence: "DOC: claim-sets.md, common incoming claims",
  },
  {
    type: "x-ms-policy-hash",
    valueType: "String",
    description: "base64url SHA-256 of the policy.",
    evidence: "DOC: claim-sets.md, common incoming claims",
  },
  {
    type: "x-ms-policy-signer",
    valueType: "String",
    description: "JWK of the policy signer, for signed policies.",
    evidence: "DOC: claim-sets.md, common incoming claims",
  },
];

/** JSON runtime and init-time data: SGX when its dataType is JSON, and the CVM tokens' `x-ms-runtime`. */
export const RUNTIME_CLAIMS: readonly Row[] = [
  {
    type: "x-ms-runtime",
    valueType: "String",
    description: "JSON runtime data (SGX: when its dataType is JSON; CVMs: keys and vm-configuration).",
    evidence: "REC: java-rec-draftpolicy-attest-sgx.jwt",
  },
  {
    type: "x-ms-inittime",
    valueType: "String",
    description: "JSON init-time data, when its dataType is JSON.",
    evidence: "REC: recorded SGX tokens",
  },
];
