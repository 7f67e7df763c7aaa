import { collect } from "./options.js";
import type { Result } from "@maa-policy/parser";
import { Option, type Command } from "commander";
import type { EnclaveData, EvidenceRequest, EvidenceResult, QeIdentityInput } from "@maa-policy/evidence";
import { ExitCode } from "./exit-codes.js";
import { DATA_ENCODING_HINT, looksBase64url, parsesAsJson } from "./data-encoding-hint.js";
import { displayName, problemLine, readError, readInputBytes, UsageError } from "./io.js";
import { parseRootPublicKey } from "./root-public-key.js";
import { runOptions } from "./run-options.js";

/** The options that say how to read evidence and its data; shared with `eval --evidence`. */
export interface EvidenceOptions {
  runtimeData?: string;
  runtimeDataType: "binary" | "json";
  initTimeData?: string;
  initTimeDataType: "binary" | "json";
  dataEncoding: "raw" | "base64url";
  /** The evidence kind (default: detected). */
  attestationType?: "sgx" | "openenclave";
  /** Certificate validity time (options.ts parseTime). */
  now?: Date;
  rootPublicKey?: string;
  /** CRL files (PEM or DER) from Intel's PCS, to check revocation. */
  crl: string[];
  /** Intel's QE identity JSON and its issuer chain (PEM), to check the quoting enclave. */
  qeIdentity?: string;
  qeIdentityIssuerChain?: string;
}

/**
 * Adds the data options of evidence to a command: `claims` here, and `eval --evidence`, which has
 * its own `--now` and `--attestation-type` (docs/evidence.md).
 */
export function addEvidenceOptions(command: Command): Command {
  const dataType = (flag: string) =>
    new Option(`${flag} <type>`, "how the service reads the data")
      .choices(["binary", "json"])
      .default("binary");
  return command
    .option("--runtime-data <file>", "runtime data; SHA-256 of it must start the quote's report data")
    .addOption(dataType("--runtime-data-type"))
    .option("--init-time-data <file>", "init-time data; SHA-256 of it must start the enclave's CONFIGID")
    .addOption(dataType("--init-time-data-type"))
    .addOption(
      new Option("--data-encoding <encoding>", "how the data files hold their bytes")
        .choices(["raw", "base64url"])
        .default("raw"),
    )
    .option(
      "--root-public-key <hex>",
      "trust this P-256 root key (uncompressed point, hex) instead of Intel's",
    )
    .option("--crl <file>", "a CRL (PEM or DER) to check the PCK chain against; repeatable", collect, [])
    .option("--qe-identity <file>", "Intel's QE identity (JSON), to check the quoting enclave")
    .option("--qe-identity-issuer-chain <file>", "the QE identity's issuer chain (PEM)");
}

/**
 * Reads and verifies evidence: its claims, or the exit code after the error (and any warnings) went
 * to stderr. What was verified and what was not goes to stderr too, for `claims` and `eval
 * --evidence` alike. Unreadable files and bad options throw UsageError (exit 2), as everywhere.
 */
export async function evidenceClaims(
  path: string,
  options: EvidenceOptions,
): Promise<Result<{ result: Extract<EvidenceResult, { ok: true }> }, { exitCode: number }>> {
  const { claimsFromEvidence, decodeEvidence } = await import("@maa-policy/evidence");
  const { nodeEvidenceCrypto } = await import("./node-evidence-crypto.js");
  /** Binary data files that look base64url-encoded: named in a note if verification fails. */
  const suspects: string[] = [];
  const data = async (
    file: string | undefined,
    dataType: "binary" | "json",
  ): Promise<EnclaveData | undefined> => {
    if (file === undefined) return undefined;
    const bytes = await read(file);
    if (options.dataEncoding === "raw" && looksBase64url(bytes)) {
      if (dataType === "json" && !parsesAsJson(bytes))
        throw new UsageError(`not JSON; ${DATA_ENCODING_HINT}`, displayName(file));
      if (dataType === "binary") suspects.push(displayName(file));
    }
    if (options.dataEncoding === "raw") return { data: bytes, dataType };
    const decoded = decodeEvidence(new TextDecoder().decode(bytes).trim());
    if (!decoded.ok) throw new UsageError(decoded.error.message.replace("'evidence'", "'data'"), file);
    return { data: decoded.value.bytes, dataType };
  };
  const request: EvidenceRequest = {
    evidence: await read(path),
    kind: options.attestationType,
    runtimeData: await data(options.runtimeData, options.runtimeDataType),
    initTimeData: await data(options.initTimeData, options.initTimeDataType),
    now: options.now,
    rootPublicKey:
      options.rootPublicKey === undefined ? undefined : parseRootPublicKey(options.rootPublicKey),
    collateral: { crls: await Promise.all(options.crl.map(read)), qeIdentity: await qeIdentity(options) },
    crypto: nodeEvidenceCrypto,
  };
  const result = await claimsFromEvidence(request);
  const name = displayName(path);
  if (!runOptions.quiet)
    for (const warning of result.warnings)
      process.stderr.write(problemLine({ where: name, severity: "warning", message: warning }));
  if (result.ok) {
    if (!runOptions.quiet) {
      const { verificationSummary } = await import("@maa-policy/evidence");
      process.stderr.write(
        verificationSummary(result.verification)
          .map((line) => `${line}\n`)
          .join(""),
      );
    }
    return { ok: true, result };
  }
  process.stderr.write(
    problemLine({ where: name, severity: "error", code: result.error.code, message: result.error.message }),
  );
  for (const suspect of suspects)
    process.stderr.write(problemLine({ where: suspect, severity: "note", message: DATA_ENCODING_HINT }));
  return { ok: false, exitCode: ExitCode.Invalid };
}

async function read(file: string): Promise<Uint8Array> {
  return readInputBytes(file).catch((error: unknown) => {
    throw readError(file, error);
  });
}

async function qeIdentity(options: EvidenceOptions): Promise<QeIdentityInput | undefined> {
  if (options.qeIdentity === undefined && options.qeIdentityIssuerChain === undefined) return undefined;
  if (options.qeIdentity === undefined || options.qeIdentityIssuerChain === undefined)
    throw new UsageError("--qe-identity and --qe-identity-issuer-chain go together");
  return { identity: await read(options.qeIdentity), issuerChain: await read(options.qeIdentityIssuerChain) };
}
