import { isAttestationType, type AttestationType } from "@maa-policy/parser";

/**
 * The attestation types the service attests (its `attest/*` endpoints), as the selector offers them.
 * `token` is the `x-ms-attestation-type` of a draft token (spec §7: sgx for SGX and OpenEnclave,
 * sevsnpvm, tdxvm, azurevm); TPM's and VBS's are not documented (docs/decisions.md, Playground).
 */
export const ATTESTATION_KINDS = [
  { id: "sgx", label: "SGX enclave", token: "sgx", checker: "sgx" },
  { id: "openenclave", label: "OpenEnclave", token: "sgx", checker: "openenclave" },
  { id: "tpm", label: "TPM", token: "tpm", checker: "tpm" },
  { id: "vbs", label: "VBS", token: "vbs", checker: "vbs" },
  { id: "sevsnpvm", label: "SEV-SNP VM", token: "sevsnpvm", checker: "sevsnp" },
  { id: "tdxvm", label: "TDX VM", token: "tdxvm", checker: "tdx" },
  { id: "azureguest", label: "Azure guest", token: "azurevm", checker: "tpm" },
] as const satisfies readonly { id: string; label: string; token: string; checker: AttestationType }[];

export type AttestationKind = (typeof ATTESTATION_KINDS)[number];
export type AttestationKindId = AttestationKind["id"];

export function attestationKind(id: string): AttestationKind | undefined {
  return ATTESTATION_KINDS.find((kind) => kind.id === id);
}

/**
 * The one wiring point between the selector and the checker: the language server's
 * `maaPolicy.attestationType`. A kind the core knows by its own name is passed as it is (the
 * core's list may grow to the service's names); otherwise the core type whose claims it uses.
 */
export function checkerAttestationType(kind: AttestationKind): AttestationType {
  return isAttestationType(kind.id) ? kind.id : kind.checker;
}
