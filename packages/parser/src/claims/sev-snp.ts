import { hex, rowsFrom, u32, u8, type Row } from "./row.js";

const TOKEN: Row["evidence"] = "DOC: attestation-token-examples.md, SEV-SNP token (x-ms-sevsnpvm-*)";

const row = rowsFrom(TOKEN, "x-ms-sevsnpvm-");

/**
 * SEV-SNP (spec §2.6): the token's claims, which the spec infers double as incoming claims, as
 * the SGX names do; the Azure guest token nests the same names in `x-ms-isolation-tee`.
 */
export const SEV_SNP_CLAIMS: readonly Row[] = [
  row(
    "authorkeydigest",
    "String",
    "SHA-384 of the author key, hex.",
    hex(48, "a SHA-384 digest, 96 hex digits"),
  ),
  row("bootloader-svn", "Integer", "The bootloader's security version number (8 bits).", u8("an 8-bit SVN")),
  row("familyId", "String", "The guest family id, hex.", hex(16, "a 16-byte id, 32 hex digits")),
  row("guestsvn", "Integer", "The guest's security version number (32 bits).", u32("a 32-bit SVN")),
  row("hostdata", "String", "Host data, hex.", hex(32, "32 bytes of host data, 64 hex digits")),
  row("idkeydigest", "String", "SHA-384 of the id key, hex.", hex(48, "a SHA-384 digest, 96 hex digits")),
  row("imageId", "String", "The guest image id, hex.", hex(16, "a 16-byte id, 32 hex digits")),
  row("is-debuggable", "Boolean", "Whether the VM is debuggable."),
  row(
    "launchmeasurement",
    "String",
    "The launch measurement, hex (SHA-384).",
    hex(48, "a SHA-384 measurement, 96 hex digits"),
  ),
  row("microcode-svn", "Integer", "The microcode's security version number (8 bits).", u8("an 8-bit SVN")),
  row("migration-allowed", "Boolean", "Whether migration is allowed."),
  row("reportdata", "String", "The report data, hex.", hex(64, "64 bytes of report data, 128 hex digits")),
  row("reportid", "String", "The report id, hex.", hex(32, "a 32-byte id, 64 hex digits")),
  row("smt-allowed", "Boolean", "Whether SMT is allowed."),
  row("snpfw-svn", "Integer", "The SNP firmware's security version number (8 bits).", u8("an 8-bit SVN")),
  row("tee-svn", "Integer", "The TEE's security version number (8 bits).", u8("an 8-bit SVN")),
  row("vmpl", "Integer", "The VM privilege level, 0 to 3.", {
    kind: "integer",
    min: 0,
    max: 3,
    what: "a VMPL, 0 to 3",
  }),
];
