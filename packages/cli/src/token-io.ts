import { createPrivateKey } from "node:crypto";
import { writeFile } from "node:fs/promises";
import {
  certificatesFromPem,
  loadSigningKey,
  type Result,
  type SigningKey,
  type TokenLocation,
  type TokenWarning,
  type X509Certificate,
} from "@maa-policy/tokens";
import type { ServiceError } from "@maa-policy/parser";
import { Option } from "commander";
import { describeReadError, readInput, UsageError } from "./io.js";

/** No policy or management token comes near this; larger input is refused before decoding. */
export const MAX_TOKEN_BYTES = 16 * 1024 * 1024;

export type Format = "text" | "json";

export const displayName = (path: string) => (path === "-" ? "<stdin>" : path);

/** Reads a text input for the token commands; an unreadable file is a usage error (exit 2). */
export async function readText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readInput(path);
  } catch (error) {
    throw new UsageError(describeReadError(path, error));
  }
  if (text.length > MAX_TOKEN_BYTES) throw new UsageError(`${path}: larger than ${MAX_TOKEN_BYTES} bytes`);
  return text;
}

/**
 * A token file. Editors and `echo` end files with a newline the token never had, so trailing
 * whitespace is dropped (docs/decisions.md); everything else is decoded exactly as given.
 */
export async function readToken(path: string): Promise<string> {
  return (await readText(path)).trimEnd();
}

/**
 * The signing key and its certificate (chain). Node converts any unencrypted PEM private key
 * (PKCS#1, SEC1 or PKCS#8) to the PKCS#8 the browser-safe core imports.
 */
export async function readSigningKey(
  keyPath: string | undefined,
  certPath: string | undefined,
): Promise<SigningKey | undefined> {
  if (!keyPath && !certPath) return undefined;
  if (!keyPath || !certPath)
    throw new UsageError("--key and --cert go together: the private key signs, the certificate goes in x5c");
  const [keyPem, certPem] = await Promise.all([readText(keyPath), readText(certPath)]);
  let pkcs8: string;
  try {
    pkcs8 = createPrivateKey(keyPem).export({ type: "pkcs8", format: "pem" }).toString();
  } catch {
    throw new UsageError(`${keyPath}: not an unencrypted PEM private key`);
  }
  const key = await loadSigningKey(pkcs8, certPem);
  if (!key.ok) throw new UsageError(`${certPath}: ${key.error.message}`);
  return key.value;
}

export async function readCertificates(paths: readonly string[]): Promise<X509Certificate[]> {
  const certificates: X509Certificate[] = [];
  for (const path of paths) {
    const parsed = certificatesFromPem(await readText(path), path);
    if (!parsed.ok) throw new UsageError(parsed.error.message);
    certificates.push(...parsed.value);
  }
  return certificates;
}

/** 1-based line and column of a token offset, for tokens pasted across lines or policy text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export interface Failure {
  readonly error: ServiceError;
  readonly location?: TokenLocation;
}

/** `policy-eval: <file>[:line:col]: error <Code>: <message>`, the CLI's one error shape. */
export function errorLine(path: string, text: string, failure: Failure): string {
  const at = failure.location ? lineColumn(text, failure.location.offset) : undefined;
  const where = at ? `${displayName(path)}:${at.line}:${at.column}` : displayName(path);
  return `policy-eval: ${where}: error ${failure.error.code}: ${failure.error.message}\n`;
}

export function warningLines(path: string, warnings: readonly TokenWarning[]): string {
  return warnings.map((w) => `policy-eval: ${displayName(path)}: warning ${w.code}: ${w.message}\n`).join("");
}

export function jsonFailure(path: string, text: string, failure: Failure, warnings: readonly TokenWarning[]) {
  const location = failure.location && { ...failure.location, ...lineColumn(text, failure.location.offset) };
  return {
    file: displayName(path),
    ok: false,
    error: failure.error,
    ...(location ? { location } : {}),
    warnings,
  };
}

/** Prints a failed result in the chosen format; true (and the result narrowed) when it failed. */
export function reportedFailure<T>(
  path: string,
  text: string,
  result: Result<T>,
  format: Format,
): result is Extract<Result<T>, { ok: false }> {
  if (result.ok) return false;
  if (format === "json") {
    process.stdout.write(JSON.stringify(jsonFailure(path, text, result, result.warnings), null, 2) + "\n");
  } else {
    process.stderr.write(warningLines(path, result.warnings) + errorLine(path, text, result));
  }
  return true;
}

export const formatOption = () =>
  new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text");

/** Writes a token to `--output` exactly (no newline: the hash covers every byte), or to stdout. */
export async function emitToken(token: string, output: string | undefined): Promise<void> {
  if (output) await writeFile(output, token, "utf8");
  else process.stdout.write(token + "\n");
}
