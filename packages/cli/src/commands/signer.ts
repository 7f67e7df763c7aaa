import {
  createPolicyCertificateToken,
  decodePolicyCertificateToken,
  policyTokenHash,
} from "@maa-policy/tokens";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import {
  displayName,
  emitToken,
  readSigningKey,
  readText,
  readToken,
  formatOption,
  reportedFailure,
  warningLines,
  type Format,
} from "../token-io.js";
import type { Report } from "./index.js";

interface CreateOptions {
  key: string;
  cert: string;
  output?: string;
}

export function register(program: Command, report: Report): void {
  const signer = program
    .command("signer")
    .description("policy management certificate tokens (the POST /certificates:add and :remove body)");
  signer
    .command("create")
    .description("wrap a certificate to add or remove, signed by an existing policy management key")
    .argument("<certificate>", "PEM certificate to add or remove ('-' reads standard input)")
    .requiredOption("--key <file>", "PEM private key of an existing policy management certificate")
    .requiredOption("--cert <file>", "that existing certificate (PEM, optionally followed by its chain)")
    .option("-o, --output <file>", "write the token to a file, byte for byte, instead of standard output")
    .action(async (path: string, options: CreateOptions) => report(await create(path, options)));
  signer
    .command("decode")
    .description("show the certificate a signer token adds or removes")
    .argument("<token>", "token file ('-' reads standard input)")
    .addOption(formatOption())
    .action(async (path: string, options: { format: Format }) => report(await decode(path, options.format)));
}

async function create(path: string, options: CreateOptions): Promise<number> {
  const pem = await readText(path);
  const key = await readSigningKey(options.key, options.cert);
  const token = await createPolicyCertificateToken(pem, key!);
  if (reportedFailure(path, pem, token, "text")) return ExitCode.Invalid;
  await emitToken(token.value, options.output);
  return ExitCode.Ok;
}

async function decode(path: string, format: Format): Promise<number> {
  const text = await readToken(path);
  const result = await decodePolicyCertificateToken(text);
  if (reportedFailure(path, text, result, format)) return ExitCode.Invalid;
  const { parts, ...token } = result.value;
  if (format === "json") {
    const json = {
      file: displayName(path),
      ok: true,
      ...token,
      header: parts.header,
      warnings: result.warnings,
    };
    process.stdout.write(JSON.stringify({ ...json, policyTokenHash: policyTokenHash(text) }, null, 2) + "\n");
    return ExitCode.Ok;
  }
  const { certificate } = token;
  process.stderr.write(warningLines(path, result.warnings));
  process.stdout.write(
    [
      `claim                        ${token.claim}`,
      `subject                      ${certificate.subject}`,
      `issuer                       ${certificate.issuer}`,
      `valid                        ${certificate.notBefore.toISOString()} to ${certificate.notAfter.toISOString()}`,
      `x-ms-certificate-thumbprint  ${certificate.thumbprint}`,
      `signed                       ${typeof parts.header.alg === "string" ? parts.header.alg : "?"}`,
    ].join("\n") + "\n",
  );
  return ExitCode.Ok;
}
