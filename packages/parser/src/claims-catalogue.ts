/**
 * The incoming claims a policy can test, per attestation type (spec §2.6): what completion offers
 * and hover explains. JSON-valued claims are Strings holding JSON (see `claim.ts`), read with
 * `JmesPath()`. SEV-SNP and TDX names are the token claims, which the spec infers double as
 * incoming claims: no public policy for either exists.
 */
import type { ClaimValueType } from "./claim.js";

export const ATTESTATION_TYPES = ["sgx", "openenclave", "tpm", "vbs", "sevsnp", "tdx"] as const;
export type AttestationType = (typeof ATTESTATION_TYPES)[number];

export interface CatalogueClaim {
  readonly type: string;
  readonly valueType: ClaimValueType;
  readonly description: string;
  readonly attestationTypes: readonly AttestationType[];
  /** For deprecated names: the current name. */
  readonly replacedBy?: string;
  /** Testable but never issuable (`READ_ONLY_CLAIMS`). */
  readonly readOnly?: boolean;
}

const SGX: readonly AttestationType[] = ["sgx", "openenclave"];
const TPM: readonly AttestationType[] = ["tpm", "vbs"];
const VBS: readonly AttestationType[] = ["vbs"];
const SNP: readonly AttestationType[] = ["sevsnp"];
const TDX: readonly AttestationType[] = ["tdx"];

type Row = [type: string, valueType: ClaimValueType, description: string, replacedBy?: string];

const sgx: Row[] = [
  ["x-ms-sgx-is-debuggable", "Boolean", "Whether the enclave is debuggable (the quote's ATTRIBUTES.DEBUG)."],
  ["x-ms-sgx-product-id", "Integer", "The enclave's product id (ISVPRODID)."],
  ["x-ms-sgx-mrsigner", "String", "MRSIGNER, the enclave signer's measurement: 64 lower-case hex digits."],
  ["x-ms-sgx-mrenclave", "String", "MRENCLAVE, the enclave's measurement: lower-case hex."],
  ["x-ms-sgx-svn", "Integer", "The enclave's security version number (ISVSVN)."],
  ["x-ms-sgx-ehd", "String", "Enclave held data (the runtime data when its dataType is Binary), base64url."],
  ["x-ms-sgx-collateral", "String", "JSON object of the collateral hashes (qeidcertshash, tcbinfohash, …)."],
  ["x-ms-sgx-report-data", "String", "The quote's report data, hex (64 bytes)."],
  ["x-ms-sgx-config-id", "String", "CONFIGID, hex (Xeon Scalable with KSS only)."],
  ["x-ms-sgx-config-svn", "Integer", "CONFIGSVN (Xeon Scalable with KSS only)."],
  ["x-ms-sgx-isv-extended-product-id", "String", "ISVEXTPRODID, hex (KSS only)."],
  ["x-ms-sgx-isv-family-id", "String", "ISVFAMILYID, hex (KSS only)."],
  ["x-ms-sgx-tcbidentifier", "String", "The TCB baseline enforced, set with configurationrules."],
  ["x-ms-runtime", "String", "JSON runtime data, when its dataType is JSON."],
  ["x-ms-inittime", "String", "JSON init-time data, when its dataType is JSON."],
  ["$is-debuggable", "Boolean", "Deprecated name.", "x-ms-sgx-is-debuggable"],
  ["$product-id", "Integer", "Deprecated name.", "x-ms-sgx-product-id"],
  ["$sgx-mrsigner", "String", "Deprecated name.", "x-ms-sgx-mrsigner"],
  ["$sgx-mrenclave", "String", "Deprecated name.", "x-ms-sgx-mrenclave"],
  ["$svn", "Integer", "Deprecated name.", "x-ms-sgx-svn"],
  ["$tee", "String", "Deprecated name.", "x-ms-attestation-type"],
  ["maa-ehd", "String", "Legacy name.", "x-ms-sgx-ehd"],
  ["aas-ehd", "String", "Legacy name.", "x-ms-sgx-ehd"],
];

const tpm: Row[] = [
  ["aikValidated", "Boolean", "Whether the AIK certificate was validated."],
  ["aikPubHash", "String", "base64 of the SHA-256 of the AIK public key (DER)."],
  ["tpmVersion", "Integer", "The TPM's major version."],
  ["secureBootEnabled", "Boolean", "Secure Boot was on."],
  ["iommuEnabled", "Boolean", "The IOMMU was on."],
  ["bootDebuggingDisabled", "Boolean", "Boot debugging was off."],
  ["notSafeMode", "Boolean", "Windows did not boot in safe mode."],
  ["notWinPE", "Boolean", "Windows did not boot WinPE."],
  ["vbsEnabled", "Boolean", "Virtualization-based security was on."],
  ["vbsReportPresent", "Boolean", "A VBS enclave report was present."],
  [
    "events",
    "String",
    'JSON boot log (1.2): {"Events":[{EventSeq, PcrIndex, EventTypeString, ProcessedData}]}.',
  ],
  ["bootEvents", "String", "JSON boot events (1.2)."],
  ["pcrs", "String", 'JSON PCR values (1.2): {"PCRs":[{Index, Digests:{SHA1, SHA256}}]}. Read-only.'],
  [
    "x-ms-tpm-request-key",
    "String",
    "JSON of the key to attest (1.2): {jwk, info:{tpm_quote, tpm_certify}}.",
  ],
  ["x-ms-tpm-other-keys", "String", "JSON array of further keys, shaped like x-ms-tpm-request-key (1.2)."],
];

const vbs: Row[] = [
  ["enclaveAuthorId", "String", "The VBS enclave's author id, base64url."],
  ["enclaveImageId", "String", "The VBS enclave's image id, base64url."],
  ["enclaveOwnerId", "String", "The VBS enclave's owner id, base64url."],
  ["enclaveFamilyId", "String", "The VBS enclave's family id, base64url."],
  ["enclaveSvn", "Integer", "The VBS enclave's security version number."],
  ["enclavePlatformSvn", "Integer", "The VBS platform's security version number."],
  ["enclaveFlags", "Integer", "The VBS enclave's flags."],
];

const snp: Row[] = [
  ["x-ms-sevsnpvm-authorkeydigest", "String", "SHA-384 of the author key, hex."],
  ["x-ms-sevsnpvm-bootloader-svn", "Integer", "The bootloader's security version number."],
  ["x-ms-sevsnpvm-familyId", "String", "The guest family id, hex."],
  ["x-ms-sevsnpvm-guestsvn", "Integer", "The guest's security version number."],
  ["x-ms-sevsnpvm-hostdata", "String", "Host data, hex."],
  ["x-ms-sevsnpvm-idkeydigest", "String", "SHA-384 of the id key, hex."],
  ["x-ms-sevsnpvm-imageId", "String", "The guest image id, hex."],
  ["x-ms-sevsnpvm-is-debuggable", "Boolean", "Whether the VM is debuggable."],
  ["x-ms-sevsnpvm-launchmeasurement", "String", "The launch measurement, hex."],
  ["x-ms-sevsnpvm-microcode-svn", "Integer", "The microcode's security version number."],
  ["x-ms-sevsnpvm-migration-allowed", "Boolean", "Whether migration is allowed."],
  ["x-ms-sevsnpvm-reportdata", "String", "The report data, hex."],
  ["x-ms-sevsnpvm-reportid", "String", "The report id, hex."],
  ["x-ms-sevsnpvm-smt-allowed", "Boolean", "Whether SMT is allowed."],
  ["x-ms-sevsnpvm-snpfw-svn", "Integer", "The SNP firmware's security version number."],
  ["x-ms-sevsnpvm-tee-svn", "Integer", "The TEE's security version number."],
  ["x-ms-sevsnpvm-vmpl", "Integer", "The VM privilege level."],
];

const tdxRows: Row[] = [
  ["tdx_mrtd", "String", "MRTD, the TD's build-time measurement, hex."],
  ["tdx_mrseam", "String", "MRSEAM, the TDX module's measurement, hex."],
  ["tdx_mrsignerseam", "String", "MRSIGNERSEAM, the TDX module signer's measurement, hex."],
  ["tdx_mrconfigid", "String", "MRCONFIGID, hex."],
  ["tdx_mrowner", "String", "MROWNER, hex."],
  ["tdx_mrownerconfig", "String", "MROWNERCONFIG, hex."],
  ...[0, 1, 2, 3].map((i): Row => [
    `tdx_rtmr${i}`,
    "String",
    `RTMR${i}, a runtime measurement register, hex.`,
  ]),
  ["tdx_report_data", "String", "The TD report data, hex."],
  ["tdx_seam_attributes", "String", "The TDX module's attributes, hex."],
  ["tdx_seamsvn", "Integer", "The TDX module's security version number."],
  ["tdx_td_attributes", "String", "The TD's attributes, hex."],
  ["tdx_td_attributes_debug", "Boolean", "Whether the TD is debuggable."],
  ["tdx_td_attributes_key_locker", "Boolean", "The TD's KEY_LOCKER attribute."],
  ["tdx_td_attributes_perfmon", "Boolean", "The TD's PERFMON attribute."],
  ["tdx_td_attributes_protection_keys", "Boolean", "The TD's protection-keys attribute."],
  ["tdx_td_attributes_septve_disable", "Boolean", "The TD's SEPT_VE_DISABLE attribute."],
  ["tdx_tee_tcb_svn", "String", "The TEE TCB security version numbers, hex."],
  ["tdx_xfam", "String", "XFAM, hex."],
  ["attester_tcb_status", "String", "The platform's TCB status."],
  ["dbgstat", "String", "Debug status (EAT)."],
  ["eat_profile", "String", "The EAT profile of the token."],
  ["intuse", "String", "Intended use (EAT)."],
];

const common: Row[] = [
  [
    "x-ms-attestation-type",
    "String",
    'The attestation type: "sgx" (also OpenEnclave), "sevsnpvm", "tdxvm", …',
  ],
  ["x-ms-ver", "String", "The token format version."],
  ["x-ms-policy-hash", "String", "base64url SHA-256 of the policy."],
  ["x-ms-policy-signer", "String", "JWK of the policy signer, for signed policies."],
];

const cvm: Row[] = [["x-ms-compliance-status", "String", 'Compliance status, e.g. "azure-compliant-cvm".']];

function rows(list: Row[], types: readonly AttestationType[]): CatalogueClaim[] {
  return list.map(([type, valueType, description, replacedBy]) => ({
    type,
    valueType,
    description,
    attestationTypes: types,
    ...(replacedBy && { replacedBy }),
    ...(type === "pcrs" && { readOnly: true }),
  }));
}

export const CLAIM_CATALOGUE: readonly CatalogueClaim[] = [
  ...rows(sgx, SGX),
  ...rows(tpm, TPM),
  ...rows(vbs, VBS),
  ...rows(snp, SNP),
  ...rows(tdxRows, TDX),
  ...rows(cvm, ["sevsnp", "tdx"]),
  ...rows(common, ATTESTATION_TYPES),
];

const BY_TYPE = new Map(CLAIM_CATALOGUE.map((c) => [c.type, c]));

export function findCatalogueClaim(type: string): CatalogueClaim | undefined {
  return BY_TYPE.get(type);
}

export function catalogueFor(attestationType: AttestationType): CatalogueClaim[] {
  return CLAIM_CATALOGUE.filter((c) => c.attestationTypes.includes(attestationType));
}

export function isAttestationType(text: string): text is AttestationType {
  return (ATTESTATION_TYPES as readonly string[]).includes(text);
}
