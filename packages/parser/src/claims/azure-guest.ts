import type { Row } from "./row.js";

const GUEST_TOKEN: Row["evidence"] =
  "DOC: confidential-computing/guest-attestation-confidential-vms.md, token";
const CONSTELLATION: Row["evidence"] = "REAL: edgelesssys/constellation MAA policy (azureguest)";

const row = (
  type: string,
  valueType: Row["valueType"],
  description: string,
  evidence: Row["evidence"] = GUEST_TOKEN,
): Row => ({
  type,
  valueType,
  description,
  evidence,
});

/**
 * Azure VM guest attestation (`attest/AzureGuest`, `x-ms-attestation-type` "azurevm"): the
 * token's top-level claims. A real uploaded policy (Constellation's) tests the `x-ms-azurevm-*`
 * Booleans and `secureboot`; the rest are the documented token's, inferred to be incoming alike.
 */
export const AZURE_GUEST_CLAIMS: readonly Row[] = [
  row("secureboot", "Boolean", "Secure Boot was on.", CONSTELLATION),
  row(
    "x-ms-azurevm-attestation-protocol-ver",
    "String",
    'The guest attestation protocol version, e.g. "2.0".',
  ),
  row("x-ms-azurevm-attested-pcrs", "Integer", "The PCR indices the quote covers (one claim each)."),
  row("x-ms-azurevm-bootdebug-enabled", "Boolean", "Boot debugging was on."),
  row("x-ms-azurevm-dbvalidated", "Boolean", "The UEFI db was validated.", CONSTELLATION),
  row("x-ms-azurevm-dbxvalidated", "Boolean", "The UEFI dbx was validated.", CONSTELLATION),
  row("x-ms-azurevm-debuggersdisabled", "Boolean", "Debuggers were disabled.", CONSTELLATION),
  row(
    "x-ms-azurevm-default-securebootkeysvalidated",
    "Boolean",
    "The default Secure Boot keys were validated.",
    CONSTELLATION,
  ),
  row("x-ms-azurevm-elam-enabled", "Boolean", "Early-launch anti-malware was on."),
  row("x-ms-azurevm-flightsigning-enabled", "Boolean", "Flight signing was on."),
  row("x-ms-azurevm-hvci-policy", "Integer", "The HVCI policy."),
  row("x-ms-azurevm-hypervisordebug-enabled", "Boolean", "Hypervisor debugging was on."),
  row("x-ms-azurevm-is-windows", "Boolean", "The guest is Windows."),
  row("x-ms-azurevm-kerneldebug-enabled", "Boolean", "Kernel debugging was on."),
  row("x-ms-azurevm-osbuild", "String", "The OS build."),
  row("x-ms-azurevm-osdistro", "String", 'The OS distribution, e.g. "Ubuntu".'),
  row("x-ms-azurevm-ostype", "String", '"Windows" or "Linux".'),
  row("x-ms-azurevm-osversion-major", "Integer", "The OS major version."),
  row("x-ms-azurevm-osversion-minor", "Integer", "The OS minor version."),
  row("x-ms-azurevm-signingdisabled", "Boolean", "Signing was disabled.", CONSTELLATION),
  row("x-ms-azurevm-testsigning-enabled", "Boolean", "Test signing was on."),
  row("x-ms-azurevm-vmid", "String", "The VM's id (a GUID, upper case)."),
  row(
    "x-ms-isolation-tee",
    "String",
    "JSON object of the isolation TEE's claims: x-ms-attestation-type (sevsnpvm, tdxvm), x-ms-compliance-status, x-ms-runtime and the x-ms-sevsnpvm-* or TDX claims.",
  ),
];

/** Confidential VMs, SEV-SNP and TDX alike, and nested in `x-ms-isolation-tee` for Azure guests. */
export const CVM_CLAIMS: readonly Row[] = [
  row("x-ms-compliance-status", "String", 'Compliance status, e.g. "azure-compliant-cvm".'),
];
