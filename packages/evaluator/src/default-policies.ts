/**
 * The policy an instance applies to a type until one is set (spec §2.8): for SGX and OpenEnclave the
 * 2022 default, byte for byte (corpus 37, its `x-ms-policy-hash` `ViVGS4BY…` recorded by the C++
 * SDK). TPM and the VM types have no default: the service refuses to attest them without a policy.
 */
export const SGX_DEFAULT_POLICY =
  'version= 1.1;configurationrules{=> issueproperty(type="x-ms-sgx-tcbidentifier", value="azuredefault");};' +
  "authorizationrules{=> permit();};" +
  'issuancerules{c:[type=="x-ms-sgx-is-debuggable"] => issue(type="is-debuggable", value=c.value);' +
  'c:[type=="x-ms-sgx-mrsigner"] => issue(type="sgx-mrsigner", value=c.value);' +
  'c:[type=="x-ms-sgx-mrenclave"] => issue(type="sgx-mrenclave", value=c.value);' +
  'c:[type=="x-ms-sgx-product-id"] => issue(type="product-id", value=c.value);' +
  'c:[type=="x-ms-sgx-svn"] => issue(type="svn", value=c.value);' +
  'c:[type=="x-ms-attestation-type"] => issue(type="tee", value=c.value);};';

/** The REST attestation types (`/policies/{type}`, 2025-06-01) and their default policy, if any. */
export const DEFAULT_POLICIES: Readonly<Record<string, string | undefined>> = {
  SgxEnclave: SGX_DEFAULT_POLICY,
  OpenEnclave: SGX_DEFAULT_POLICY,
  Tpm: undefined,
  SevSnpVm: undefined,
  TdxVm: undefined,
  AzureGuest: undefined,
};
