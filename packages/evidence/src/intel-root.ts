import { fromHex } from "./bytes.js";

/**
 * The public key of the Intel SGX Root CA (CN=Intel SGX Root CA, O=Intel Corporation), as an
 * uncompressed P-256 point. Pinned by key rather than by certificate, as Intel's own quote
 * verification library does (`INTEL_ROOT_PUB_KEY` in intel/SGXDataCenterAttestationPrimitives,
 * QuoteVerification/QVL .../X509Constants.h); the certificate can be reissued, the key cannot
 * change without breaking every PCK chain. The same bytes are the root of the chain embedded in the
 * Azure SDK's sample OpenEnclave report.
 */
export const INTEL_SGX_ROOT_CA_PUBLIC_KEY: Uint8Array = fromHex(
  "04" +
    "0ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e88e48b4458561a36e705525f5" +
    "67918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394",
)!;
