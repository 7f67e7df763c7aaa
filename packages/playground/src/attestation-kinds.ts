import type { AttestationType } from "@maa-policy/parser";

/**
 * The attestation types the service attests (its `attest/*` endpoints), as the selector offers them.
 * `token` is the `x-ms-attestation-type` of a draft token (spec §7: sgx for SGX and OpenEnclave,
 * sevsnpvm, tdxvm, azurevm); TPM's and VBS's are not documented (docs/decisions.md, Playground).
 */
export const ATTESTATION_KINDS = [
  { id: "sgx", label: "SGX enclave", token: "sgx" },
  { id: "openenclave", label: "OpenEnclave", token: "sgx" },
  { id: "tpm", label: "TPM", token: "tpm" },
  { id: "vbs", label: "VBS", token: "vbs" },
  { id: "sevsnpvm", label: "SEV-SNP VM", token: "sevsnpvm" },
  { id: "tdxvm", label: "TDX VM", token: "tdxvm" },
  { id: "azureguest", label: "Azure guest", token: "azurevm" },
] as const satisfies readonly { id: AttestationType; label: string; token: string }[];

export type AttestationKind = (typeof ATTESTATION_KINDS)[number];
export type AttestationKindId = AttestationKind["id"];

export function attestationKind(id: string): AttestationKind | undefined {
  return ATTESTATION_KINDS.find((kind) => kind.id === id);
}

/**
 * The one wiring point between the selector and the checker: the language server's
 * `maaPolicy.attestationType`. The selector's kinds are the core's attestation types.
 */
export function checkerAttestationType(kind: AttestationKind): AttestationType {
  return kind.id;
}
