/**
 * The incoming claims a policy can test, per attestation type (spec §2.6), each row with its
 * evidence: what the checker knows a claim by (`claim-types.ts`, `value-types.ts`), what
 * completion offers and hover explains. JSON-valued claims are Strings holding JSON (see
 * `claim.ts`), read with `JmesPath()`. The rows live in `claims/`, one module a family.
 */
import type { ClaimValueType } from "./claim.js";
import { AZURE_GUEST_CLAIMS, CVM_CLAIMS } from "./claims/azure-guest.js";
import { COMMON_CLAIMS, RUNTIME_CLAIMS } from "./claims/common.js";
import type { Domain, Evidence, Row } from "./claims/row.js";
import { SEV_SNP_CLAIMS } from "./claims/sev-snp.js";
import { SGX_CLAIMS } from "./claims/sgx.js";
import { TDX_CLAIMS } from "./claims/tdx.js";
import { TPM_CLAIMS, TPM_JSON_CLAIMS, VBS_CLAIMS } from "./claims/tpm.js";

export type { Domain, Evidence } from "./claims/row.js";

/** The service's attestation types, by the names `x-ms-attestation-type` and the REST paths use. */
export const ATTESTATION_TYPES = [
  "sgx",
  "openenclave",
  "tpm",
  "vbs",
  "sevsnpvm",
  "tdxvm",
  "azureguest",
] as const;
export type AttestationType = (typeof ATTESTATION_TYPES)[number];

/** What users write (the REST path names, the token's names), compared without case, `-` or `_`. */
const ALIASES: Readonly<Record<string, AttestationType>> = {
  sgx: "sgx",
  sgxenclave: "sgx",
  openenclave: "openenclave",
  tpm: "tpm",
  vbs: "vbs",
  vbsenclave: "vbs",
  sevsnp: "sevsnpvm",
  sevsnpvm: "sevsnpvm",
  snp: "sevsnpvm",
  tdx: "tdxvm",
  tdxvm: "tdxvm",
  azureguest: "azureguest",
  azurevm: "azureguest",
};

export function parseAttestationType(text: string): AttestationType | undefined {
  return ALIASES[text.toLowerCase().replace(/[-_\s]/g, "")];
}

export interface CatalogueClaim {
  readonly type: string;
  readonly valueType: ClaimValueType;
  readonly description: string;
  readonly attestationTypes: readonly AttestationType[];
  readonly evidence: Evidence;
  /** For deprecated names: the current name. */
  readonly replacedBy?: string;
  /** Testable but never issuable (`READ_ONLY_CLAIMS`). */
  readonly readOnly?: boolean;
  readonly domain?: Domain;
}

const SGX: AttestationType[] = ["sgx", "openenclave"];
const TPM: AttestationType[] = ["tpm", "vbs"];
const CVM: AttestationType[] = ["sevsnpvm", "tdxvm", "azureguest"];

/**
 * Each family with the types that receive it. The Azure guest token nests the SEV-SNP or TDX
 * claims of its isolation TEE, and a vTPM's PCRs and boot log back it (INFERRED: whether the
 * service flattens the nested claims for policies is not documented).
 */
const FAMILIES: readonly (readonly [readonly Row[], readonly AttestationType[]])[] = [
  [SGX_CLAIMS, SGX],
  [TPM_CLAIMS, TPM],
  [TPM_JSON_CLAIMS, [...TPM, "azureguest"]],
  [VBS_CLAIMS, ["vbs"]],
  [SEV_SNP_CLAIMS, ["sevsnpvm", "azureguest"]],
  [TDX_CLAIMS, ["tdxvm", "azureguest"]],
  [AZURE_GUEST_CLAIMS, ["azureguest"]],
  [CVM_CLAIMS, CVM],
  [RUNTIME_CLAIMS, [...SGX, ...CVM]],
  [COMMON_CLAIMS, ATTESTATION_TYPES],
];

function build(): CatalogueClaim[] {
  const byType = new Map<string, CatalogueClaim>();
  for (const [rows, types] of FAMILIES) {
    for (const row of rows) {
      // A name two families share (`aas-ehd`) keeps its first row and gains the types.
      const known = byType.get(row.type);
      byType.set(row.type, {
        ...(known ?? row),
        attestationTypes: [...(known?.attestationTypes ?? []), ...types],
        ...(row.type === "pcrs" && { readOnly: true }),
      });
    }
  }
  return [...byType.values()];
}

export const CLAIM_CATALOGUE: readonly CatalogueClaim[] = build();

const BY_TYPE = new Map(CLAIM_CATALOGUE.map((c) => [c.type, c]));
const BY_ATTESTATION_TYPE = new Map(
  ATTESTATION_TYPES.map((t) => [t, CLAIM_CATALOGUE.filter((c) => c.attestationTypes.includes(t))]),
);

export function findCatalogueClaim(type: string): CatalogueClaim | undefined {
  return BY_TYPE.get(type);
}

export function catalogueFor(attestationType: AttestationType): readonly CatalogueClaim[] {
  return BY_ATTESTATION_TYPE.get(attestationType) ?? [];
}

export function isAttestationType(text: string): text is AttestationType {
  return (ATTESTATION_TYPES as readonly string[]).includes(text);
}
