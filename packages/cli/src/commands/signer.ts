import {
  createPolicyCertificateToken,
  decodePolicyCertificateToken,
  describeCertificate,
  policyTokenHash,
} from "@maa-policy/tokens";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../io.js";
import {
  displayName,
  emitToken,
  formatOption,
  readCertificates,
  readSigningKey,
  readTokenArgument,
  reportedFailure,
  warningLines,
  type Format,
} from "../token-io.js";
import type { Report } from "./index.js";

interface ChangeOptions {
  cert: string;
  key: string;
  signerCert: string;
  output?: string;
  format: Format;
}

/** The token is the same for both; the command says which endpoint it is for (spec §4.3). */
const ENDPOINTS = { add: "POST /certificates:add", remove: "POST /certificates:remove" } as const;
type Change = keyof typeof ENDPOINTS;

export function register(program: Command, report: Report): void {
  const signer = program
    .command("signer")
    .description("policy management certificate tokens (the POST /certificates:add and :remove body)");
  for (const change of ["add", "remove"] as const) {
    signer
      .command(change)
      .description(
        `build the ${ENDPOINTS[change]} body: the certificate to ${change}, signed by an existing policy management key`,
      )
      .requiredOption("--cert <file>", `PEM certificate to ${change} (its first certificate)`)
      .requiredOption("--key <file>", "PEM private key of an existing policy management certificate")
      .requiredOption(
        "--signer-cert <file>",
        "that existing certificate (PEM, optionally followed by its chain); goes in x5c",
      )
      .option("-o, --output <file>", "write the token to a file, byte for byte, instead of standard output")
      .addOption(formatOption())
      .action(async (options: ChangeOptions) => report(await build(change, options)));
  }
  signer
    .command("decode")
    .description("show the certificate a signer token adds or removes (no verification: see token verify)")
    .argument("<jws|file>", "the token itself, a token file, or '-' for standard input")
    .addOption(formatOption(["text", "json", "service"]))
    .action(async (path: string, options: { format: Format }) => report(await decode(path, options.format)));
}

async function build(change: Change, options: ChangeOptions): Promise<number> {
  const key = await readSigningKey(options.key, [options.signerCert], "--signer-cert");
  // A certificate file that cannot be read or holds no certificate is bad input (exit 2).
  const [certificate] = await readCertificates([options.cert]);
  const token = await createPolicyCertificateToken(certificate.toString("pem"), key!);
  if (!token.ok) throw new UsageError(`${options.cert}: ${token.error.message}`);
  if (options.format !== "json") {
    await emitToken(token.value, options.output);
    return ExitCode.Ok;
  }
  if (options.output) await emitToken(token.value, options.output);
  const { subject, thumbprint } = await describeCertificate(certificate);
  const json = {
    endpoint: ENDPOINTS[change],
    token: token.value,
    certificate: { subject, "x-ms-certificate-thumbprint": thumbprint },
  };
  process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  return ExitCode.Ok;
}

async function decode(argument: string, format: Format): Promise<number> {
  const { name, text } = await readTokenArgument(argument);
  const result = await decodePolicyCertificateToken(text);
  if (reportedFailure(name, text, result, format)) return ExitCode.Invalid;
  const { parts, ...token } = result.value;
  if (format === "json") {
    const json = {
      file: displayName(name),
      ok: true,
      ...token,
      header: parts.header,
      warnings: result.warnings,
    };
    process.stdout.write(JSON.stringify({ ...json, policyTokenHash: policyTokenHash(text) }, null, 2) + "\n");
    return ExitCode.Ok;
  }
  const { certificate } = token;
  process.stderr.write(warningLines(name, result.warnings));
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
