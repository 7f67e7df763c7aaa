import { hex, rowsFrom, u16, type Row } from "./row.js";

const EAT: Row["evidence"] = "DOC: trust-domain-extensions-eat-profile.md";
const MEASUREMENT = hex(48, "a SHA-384 measurement, 96 hex digits");

const row = rowsFrom(EAT);

/** TDX (spec §2.6): the EAT profile's claims, which the spec infers double as incoming claims. */
export const TDX_CLAIMS: readonly Row[] = [
  row("tdx_mrtd", "String", "MRTD, the TD's build-time measurement, hex.", MEASUREMENT),
  row("tdx_mrseam", "String", "MRSEAM, the TDX module's measurement, hex.", MEASUREMENT),
  row("tdx_mrsignerseam", "String", "MRSIGNERSEAM, the TDX module signer's measurement, hex.", MEASUREMENT),
  row("tdx_mrconfigid", "String", "MRCONFIGID, hex.", MEASUREMENT),
  row("tdx_mrowner", "String", "MROWNER, hex.", MEASUREMENT),
  row("tdx_mrownerconfig", "String", "MROWNERCONFIG, hex.", MEASUREMENT),
  ...[0, 1, 2, 3].map((i) =>
    row(`tdx_rtmr${i}`, "String", `RTMR${i}, a runtime measurement register, hex.`, MEASUREMENT),
  ),
  row(
    "tdx_report_data",
    "String",
    "The TD report data, hex.",
    hex(64, "64 bytes of report data, 128 hex digits"),
  ),
  row("tdx_seam_attributes", "String", "The TDX module's attributes, hex."),
  row("tdx_seamsvn", "Integer", "The TDX module's security version number (16 bits).", u16("a 16-bit SVN")),
  row("tdx_td_attributes", "String", "The TD's attributes, hex."),
  row("tdx_td_attributes_debug", "Boolean", "Whether the TD is debuggable."),
  row("tdx_td_attributes_key_locker", "Boolean", "The TD's KEY_LOCKER attribute."),
  row("tdx_td_attributes_perfmon", "Boolean", "The TD's PERFMON attribute."),
  row("tdx_td_attributes_protection_keys", "Boolean", "The TD's protection-keys attribute."),
  row("tdx_td_attributes_septve_disable", "Boolean", "The TD's SEPT_VE_DISABLE attribute."),
  row("tdx_tee_tcb_svn", "String", "The TEE TCB security version numbers, hex."),
  row("tdx_xfam", "String", "XFAM, hex."),
  row("attester_tcb_status", "String", "The platform's TCB status."),
  row("dbgstat", "String", "Debug status (EAT)."),
  row("eat_profile", "String", "The EAT profile of the token."),
  row("intuse", "String", "Intended use (EAT)."),
];
