import type { Row } from "./row.js";

const V10: Row["evidence"] = "DOC: policy-version-1-0.md, claim-sets.md";
const V12: Row["evidence"] = "DOC: policy-version-1-2.md, tpm-attestation-sample-policies.md";

const bool = (type: string, description: string): Row => ({
  type,
  valueType: "Boolean",
  description,
  evidence: V10,
});

/** TPM (and VBS, whose evidence includes a TPM's), spec §2.6. */
export const TPM_CLAIMS: readonly Row[] = [
  bool("aikValidated", "Whether the AIK certificate was validated."),
  {
    type: "aikPubHash",
    valueType: "String",
    description: "base64 of the SHA-256 of the AIK public key (DER).",
    evidence: V10,
  },
  { type: "tpmVersion", valueType: "Integer", description: "The TPM's major version.", evidence: V10 },
  bool("secureBootEnabled", "Secure Boot was on."),
  bool("iommuEnabled", "The IOMMU was on."),
  bool("bootDebuggingDisabled", "Boot debugging was off."),
  bool("notSafeMode", "Windows did not boot in safe mode."),
  bool("notWinPE", "Windows did not boot WinPE."),
  bool("vbsEnabled", "Virtualization-based security was on."),
  bool("vbsReportPresent", "A VBS enclave report was present."),
];

/** The JSON claims of policy version 1.2, also given to Azure guest attestation (a vTPM's evidence). */
export const TPM_JSON_CLAIMS: readonly Row[] = [
  {
    type: "events",
    valueType: "String",
    description: 'JSON boot log (1.2): {"Events":[{EventSeq, PcrIndex, EventTypeString, ProcessedData}]}.',
    evidence: V12,
  },
  { type: "bootEvents", valueType: "String", description: "JSON boot events (1.2).", evidence: V12 },
  {
    type: "pcrs",
    valueType: "String",
    description: 'JSON PCR values (1.2): {"PCRs":[{Index, Digests:{SHA1, SHA256}}]}. Read-only.',
    evidence: V12,
  },
  {
    type: "x-ms-tpm-request-key",
    valueType: "String",
    description: "JSON of the key to attest (1.2): {jwk, info:{tpm_quote, tpm_certify}}.",
    evidence: "DOC: tpm-attestation-concepts.md",
  },
  {
    type: "x-ms-tpm-other-keys",
    valueType: "String",
    description: "JSON array of further keys, shaped like x-ms-tpm-request-key (1.2).",
    evidence: "DOC: tpm-attestation-concepts.md",
  },
];

const VBS_DOC: Row["evidence"] = "DOC: claim-sets.md, VBS attestation";

export const VBS_CLAIMS: readonly Row[] = [
  ...(["enclaveAuthorId", "enclaveImageId", "enclaveOwnerId", "enclaveFamilyId"] as const).map(
    (type): Row => ({
      type,
      valueType: "String",
      description: `The VBS enclave's ${type.slice(7, -2).toLowerCase()} id, base64url.`,
      evidence: VBS_DOC,
    }),
  ),
  {
    type: "enclaveSvn",
    valueType: "Integer",
    description: "The VBS enclave's security version number.",
    evidence: VBS_DOC,
  },
  {
    type: "enclavePlatformSvn",
    valueType: "Integer",
    description: "The VBS platform's security version number.",
    evidence: VBS_DOC,
  },
  { type: "enclaveFlags", valueType: "Integer", description: "The VBS enclave's flags.", evidence: VBS_DOC },
  {
    type: "aas-ehd",
    valueType: "String",
    description: "Enclave held data the attester supplies (issuer CustomClaim).",
    evidence: "DOC: policy-samples.md, VBS policies (corpus 38, 39)",
  },
  {
    type: "vsmReportPresent",
    valueType: "Boolean",
    description: "A VSM (VBS enclave) report was present; used by a docs sample, listed by no claim set.",
    evidence: "CORPUS: tpm-attestation-sample-policies.md (corpus 15)",
  },
];
