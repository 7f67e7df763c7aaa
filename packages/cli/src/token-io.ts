import { createPrivateKey, type KeyObject } from "node:crypto";
import {
  certificatesFromPem,
  describeCertificate,
  loadSigningKey,
  type Result,
  type SigningKey,
  type TokenLocation,
  type TokenWarning,
  type X509Certificate,
} from "@maa-policy/tokens";
import { restErrorBody, type ServiceError } from "@maa-policy/parser";
import { Option } from "commander";
import { runOptions } from "./run-options.js";
import { displayName, problemLine, readError, readInput, UsageError, writeOutput } from "./io.js";

/** `service` prints a failure as the service answers it: its message, then the HTTP 400 body. */
export type Format = "text" | "json" | "service";

export { displayName };

/** Reads a text input for the token commands; an unreadable file is a usage error (exit 2). */
export async function readText(path: string): Promise<string> {
  try {
    return await readInput(path);
  } catch (error) {
    throw readError(path, error);
  }
}

/** A token argument read: `name` is what messages call it (a path, `-`, or `<token>`). */
export interface TokenInput {
  readonly name: string;
  readonly text: string;
}

/**
 * A `<jws|file>` argument: `-` is standard input, an existing file is read, and an argument that
 * is no file but looks like a compact JWS (starts `ey`, the base64url of `{"`, has a period and
 * no path separator) is the token itself. Editors and `echo` end files with a newline the token
 * never had, so trailing whitespace is dropped (docs/decisions.md); the rest is decoded as given.
 */
export async function readTokenArgument(argument: string): Promise<TokenInput> {
  try {
    const text = await readInput(argument);
    return { name: argument, text: text.trimEnd() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === "ENOENT" || code === "ENAMETOOLONG") && looksLikeJws(argument))
      return { name: INLINE_TOKEN, text: argument.trimEnd() };
    throw readError(argument, error);
  }
}

/** How messages name a token given on the command line rather than in a file. */
export const INLINE_TOKEN = "<token>";

const looksLikeJws = (argument: string) => /^ey[^/\\]*\./s.test(argument);

/**
 * The signing key and its certificate (chain). Node converts any unencrypted PEM private key
 * (PKCS#1, SEC1 or PKCS#8) to the PKCS#8 the browser-safe core imports.
 */
export async function readSigningKey(
  keyPath: string | undefined,
  certPaths: readonly string[] | undefined,
): Promise<SigningKey | undefined> {
  if (!keyPath && !certPaths?.length) return undefined;
  if (!keyPath || !certPaths?.length)
    throw new UsageError("--key and --cert go together: the private key signs, the certificate goes in x5c");
  const keyPem = await readText(keyPath);
  // Several files are one chain, leaf first, in the order given.
  const certTexts = await Promise.all(certPaths.map(readText));
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(keyPem);
  } catch {
    throw new UsageError("not an unencrypted PEM private key", keyPath);
  }
  const leaf = certificatesFromPem(certTexts[0], "the file");
  if (!leaf.ok) throw new UsageError(leaf.error.message, certPaths[0]);
  await blameMismatchedKey(privateKey, keyPath, leaf.value[0], certPaths[0]);
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = await loadSigningKey(pkcs8, certTexts.join("\n"));
  // The core's refusals of the key ("The private key …") are the key file's fault; the rest the certificate's.
  if (!key.ok)
    throw new UsageError(
      key.error.message,
      key.error.message.startsWith("The private key") ? keyPath : certPaths.join(", "),
    );
  return key.value;
}

/** A key of another type than the certificate's: the key file is at fault, and the certificate named. */
async function blameMismatchedKey(
  key: KeyObject,
  keyPath: string,
  leaf: X509Certificate,
  certPath: string,
): Promise<void> {
  const keyType = key.asymmetricKeyType === "rsa" ? "RSA" : key.asymmetricKeyType === "ec" ? "EC" : "other";
  const certificate = await describeCertificate(leaf);
  if (keyType !== "other" && certificate.keyType !== "other" && keyType !== certificate.keyType)
    throw new UsageError(
      `an ${keyType} private key, but ${certPath} certifies an ${certificate.keyType} key ` +
        `(${certificate.subject}): give that certificate's private key`,
      keyPath,
    );
}

export async function readCertificates(paths: readonly string[]): Promise<X509Certificate[]> {
  const certificates: X509Certificate[] = [];
  for (const path of paths) {
    const parsed = certificatesFromPem(await readText(path), "the file");
    if (!parsed.ok) throw new UsageError(parsed.error.message, path);
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

/** `<file>[:line:col]: error <Code>: <message>`, the CLI's one error shape (io.ts). */
export function errorLine(path: string, text: string, failure: Failure): string {
  const at = failure.location ? lineColumn(text, failure.location.offset) : undefined;
  const where = at ? `${displayName(path)}:${at.line}:${at.column}` : displayName(path);
  return problemLine({ where, severity: "error", code: failure.error.code, message: failure.error.message });
}

/** Warnings on stderr (none under --quiet). */
export function warningLines(path: string, warnings: readonly TokenWarning[]): string {
  if (runOptions.quiet) return "";
  return warnings
    .map((w) =>
      problemLine({ where: displayName(path), severity: "warning", code: w.code, message: w.message }),
    )
    .join("");
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
  } else if (format === "service") {
    process.stderr.write(warningLines(path, result.warnings));
    process.stdout.write(`${result.error.message}\n${JSON.stringify(restErrorBody(result.error))}\n`);
  } else {
    process.stderr.write(warningLines(path, result.warnings) + errorLine(path, text, result));
  }
  return true;
}

/** `--format`: text and json everywhere; `service` where a token is read and can be refused. */
export const formatOption = (choices: readonly Format[] = ["text", "json"]) =>
  new Option("-f, --format <format>", "output format").choices(choices).default("text");

/** Writes a token to `--output` exactly (no newline: the hash covers every byte), or to stdout. */
export async function emitToken(token: string, output: string | undefined): Promise<void> {
  if (output) await writeOutput(output, token);
  else process.stdout.write(token + "\n");
}
