import {
  createPolicyCertificateToken,
  decodePolicyCertificateToken,
  describeCertificate,
  policyTokenHash,
} from "@maa-policy/tokens";
import { Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../io.js";
import { collect, outputOption } from "../options.js";
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
  key: string;
  cert: string[];
  signerCert?: string;
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
      .argument("[certificate]", `PEM file of the certificate to ${change} (its first certificate)`)
      // --key and --cert mean what they mean for `token encode`: the signing key and its certificate.
      .requiredOption("--key <file>", "PEM private key of an existing policy management certificate")
      .option(
        "--cert <file>",
        "PEM certificate of that key, optionally followed by its chain; repeat for more files; goes in x5c",
        collect,
      )
      .addOption(new Option("--signer-cert <file>").hideHelp())
      .addOption(outputOption("write the token to a file, byte for byte, instead of standard output"))
      .addOption(formatOption())
      .action(async (certificate: string | undefined, options: ChangeOptions) =>
        report(await build(change, certificate, options)),
      );
  }
  signer
    .command("decode")
    .description("show the certificate a signer token adds or removes (no verification: see token verify)")
    .argument("<jws|file>", "the token itself, a token file, or '-' for standard input")
    .addOption(formatOption(["text", "json", "service"]))
    .action(async (path: string, options: { format: Format }) => report(await decode(path, options.format)));
}

async function build(change: Change, path: string | undefined, options: ChangeOptions): Promise<number> {
  // Before 0.2 the certificate to add was --cert and the signer's was --signer-cert: refuse that
  // form rather than sign with the wrong certificate.
  if (options.signerCert !== undefined || path === undefined)
    throw new UsageError(
      `give the certificate to ${change} as the argument and the signer's as --cert: ` +
        `policy-eval signer ${change} new.pem --key signer-key.pem --cert signer.pem`,
    );
  const key = await readSigningKey(options.key, options.cert);
  // A certificate file that cannot be read or holds no certificate is bad input (exit 2).
  const [certificate] = await readCertificates([path]);
  const token = await createPolicyCertificateToken(certificate.toString("pem"), key!);
  if (!token.ok) throw new UsageError(token.error.message, path);
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
