import type { Claim, ClaimValue } from "@maa-policy/parser/model";
import { SERVICE_ISSUER, valueTypeOf } from "@maa-policy/parser/model";
import { base64UrlEncode } from "@maa-policy/tokens/encoding";
import { toHex } from "./bytes.js";
import type { CheckedData } from "./enclave-data.js";
import { ATTRIBUTE_DEBUG, ATTRIBUTE_KSS, type ReportBody } from "./report-body.js";

/** Claim types whose String value is a JSON text; tokens carry them as JSON values. */
export const JSON_VALUED_CLAIM_TYPES: readonly string[] = ["x-ms-runtime", "x-ms-inittime"];

/** Names of the enclave held data: the current one and the legacy aliases (spec §2.6). */
const EHD_TYPES = ["x-ms-sgx-ehd", "maa-ehd", "aas-ehd", "$maa-ehd", "$aas-ehd"];

/**
 * KSS fields are claims only on KSS-capable parts; the docs say "only on Xeon Scalable with KSS".
 * The switch is the enclave's KSS attribute (docs/decisions.md).
 */
export function hasKss(body: ReportBody): boolean {
  return (body.attributesFlags & ATTRIBUTE_KSS) !== 0n;
}

/** The incoming claims of an SGX or OpenEnclave attestation (spec §2.6), in a fixed order. */
export function sgxClaims(body: ReportBody, runtime?: CheckedData, initTime?: CheckedData): Claim[] {
  const debuggable = (body.attributesFlags & ATTRIBUTE_DEBUG) !== 0n;
  const entries: [string, ClaimValue][] = [
    ["x-ms-sgx-is-debuggable", debuggable],
    ["x-ms-sgx-product-id", body.isvProdId],
    ["x-ms-sgx-mrsigner", toHex(body.mrSigner)],
    ["x-ms-sgx-mrenclave", toHex(body.mrEnclave)],
    ["x-ms-sgx-svn", body.isvSvn],
    ["x-ms-sgx-report-data", toHex(body.reportData)],
  ];
  if (hasKss(body)) {
    entries.push(
      ["x-ms-sgx-config-id", toHex(body.configId)],
      ["x-ms-sgx-config-svn", body.configSvn],
      ["x-ms-sgx-isv-extended-product-id", toHex(body.isvExtProdId)],
      ["x-ms-sgx-isv-family-id", toHex(body.isvFamilyId)],
    );
  }
  entries.push(["x-ms-attestation-type", "sgx"]);
  if (runtime?.dataType === "binary") {
    const ehd = base64UrlEncode(runtime.data);
    for (const type of EHD_TYPES) entries.push([type, ehd]);
  }
  if (runtime?.dataType === "json") entries.push(["x-ms-runtime", runtime.json]);
  if (initTime?.dataType === "json") entries.push(["x-ms-inittime", initTime.json]);
  // Deprecated names the pre-GA and docs policies still use, "fully supported" (claim-sets.md).
  entries.push(
    ["$is-debuggable", debuggable],
    ["$product-id", body.isvProdId],
    ["$sgx-mrsigner", toHex(body.mrSigner)],
    ["$sgx-mrenclave", toHex(body.mrEnclave)],
    ["$svn", body.isvSvn],
    ["$tee", "sgx"],
  );
  return entries.map(([type, value]) => ({
    type,
    value,
    valueType: valueTypeOf(value),
    issuer: SERVICE_ISSUER,
  }));
}
