import { hex, u16, type Row } from "./row.js";

const CLAIM_SETS: Row["evidence"] = "DOC: claim-sets.md, incoming claims";
const TOKEN: Row["evidence"] = "REC: recorded SGX tokens (ground-truth)";

/** SGX and OpenEnclave (spec §2.6; `att/claim-sets.md`, `attestation-token-examples.md`, recordings). */
export const SGX_CLAIMS: readonly Row[] = [
  {
    type: "x-ms-sgx-is-debuggable",
    valueType: "Boolean",
    description: "Whether the enclave is debuggable (the quote's ATTRIBUTES.DEBUG).",
    evidence: CLAIM_SETS,
  },
  {
    type: "x-ms-sgx-product-id",
    valueType: "Integer",
    description: "The enclave's product id (ISVPRODID, 16 bits).",
    evidence: CLAIM_SETS,
    domain: u16("ISVPRODID, a 16-bit number"),
  },
  {
    type: "x-ms-sgx-mrsigner",
    valueType: "String",
    description: "MRSIGNER, the enclave signer's measurement: 64 lower-case hex digits.",
    evidence: CLAIM_SETS,
    domain: hex(32, "MRSIGNER, 64 lower-case hex digits"),
  },
  {
    type: "x-ms-sgx-mrenclave",
    valueType: "String",
    description: "MRENCLAVE, the enclave's measurement: 64 lower-case hex digits.",
    evidence: CLAIM_SETS,
    domain: hex(32, "MRENCLAVE, 64 lower-case hex digits"),
  },
  {
    type: "x-ms-sgx-svn",
    valueType: "Integer",
    description: "The enclave's security version number (ISVSVN, 16 bits).",
    evidence: CLAIM_SETS,
    domain: u16("ISVSVN, a 16-bit number"),
  },
  {
    type: "x-ms-sgx-ehd",
    valueType: "String",
    description: "Enclave held data (the runtime data when its dataType is Binary), base64url.",
    evidence: TOKEN,
  },
  {
    type: "x-ms-sgx-collateral",
    valueType: "String",
    description: "JSON object of the collateral hashes (qeidcertshash, tcbinfohash, …).",
    evidence: TOKEN,
  },
  {
    type: "x-ms-sgx-report-data",
    valueType: "String",
    description: "The quote's report data: 128 lower-case hex digits (64 bytes).",
    evidence: TOKEN,
    domain: hex(64, "the report data, 128 lower-case hex digits"),
  },
  {
    type: "x-ms-sgx-config-id",
    valueType: "String",
    description: "CONFIGID, hex (Xeon Scalable with KSS only).",
    evidence: "DOC: attestation-token-examples.md",
  },
  {
    type: "x-ms-sgx-config-svn",
    valueType: "Integer",
    description: "CONFIGSVN (Xeon Scalable with KSS only).",
    evidence: "DOC: attestation-token-examples.md",
    domain: u16("CONFIGSVN, a 16-bit number"),
  },
  {
    type: "x-ms-sgx-isv-extended-product-id",
    valueType: "String",
    description: "ISVEXTPRODID, hex (KSS only).",
    evidence: "DOC: attestation-token-examples.md",
  },
  {
    type: "x-ms-sgx-isv-family-id",
    valueType: "String",
    description: "ISVFAMILYID, hex (KSS only).",
    evidence: "DOC: attestation-token-examples.md",
  },
  {
    type: "x-ms-sgx-tcbidentifier",
    valueType: "String",
    description: "The TCB baseline enforced, set with configurationrules.",
    evidence: "REC: 2022 SGX tokens",
  },
  ...deprecated("$is-debuggable", "Boolean", "x-ms-sgx-is-debuggable"),
  ...deprecated("$product-id", "Integer", "x-ms-sgx-product-id", u16("ISVPRODID, a 16-bit number")),
  ...deprecated(
    "$sgx-mrsigner",
    "String",
    "x-ms-sgx-mrsigner",
    hex(32, "MRSIGNER, 64 lower-case hex digits"),
  ),
  ...deprecated(
    "$sgx-mrenclave",
    "String",
    "x-ms-sgx-mrenclave",
    hex(32, "MRENCLAVE, 64 lower-case hex digits"),
  ),
  ...deprecated("$svn", "Integer", "x-ms-sgx-svn", u16("ISVSVN, a 16-bit number")),
  ...deprecated("$tee", "String", "x-ms-attestation-type"),
  ...deprecated("maa-ehd", "String", "x-ms-sgx-ehd"),
  ...deprecated("aas-ehd", "String", "x-ms-sgx-ehd"),
  ...deprecated("$maa-ehd", "String", "x-ms-sgx-ehd"),
  ...deprecated("$aas-ehd", "String", "x-ms-sgx-ehd"),
];

function deprecated(
  type: string,
  valueType: Row["valueType"],
  replacedBy: string,
  domain?: Row["domain"],
): Row[] {
  return [
    {
      type,
      valueType,
      description: `Deprecated name of \`${replacedBy}\` ("fully supported and will continue to be included").`,
      evidence: "DOC: claim-sets.md, deprecated incoming claims",
      replacedBy,
      ...(domain && { domain }),
    },
  ];
}
