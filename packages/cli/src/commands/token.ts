import { writeFile } from "node:fs/promises";
import {
  createPolicyToken,
  createResetToken,
  decodePolicyResult,
  decodePolicyToken,
  decomposeJws,
  payloadObject,
  policyHash,
  policyTokenHash,
  verifyJws,
} from "@maa-policy/tokens";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../io.js";
import { printPolicy, renderPolicyResult, renderVerification } from "../token-render.js";
import {
  emitToken,
  readCertificates,
  readSigningKey,
  readText,
  readToken,
  formatOption,
  reportedFailure,
  type Format,
} from "../token-io.js";
import type { Report } from "./index.js";

interface SignOptions {
  key?: string;
  cert?: string;
  output?: string;
  format: Format;
}

export function register(program: Command, report: Report): void {
  const token = program
    .command("token")
    .description("build, decode and verify policy tokens (the PUT /policies body)");
  const signing = (command: Command) =>
    command
      .option("--key <file>", "PEM private key that signs the token (RSA → RS256, EC P-256 → ES256)")
      .option("--cert <file>", "PEM certificate of that key, optionally followed by its chain; goes in x5c")
      .option("-o, --output <file>", "write the token to a file, byte for byte, instead of standard output")
      .addOption(formatOption());
  signing(token.command("create").description("wrap a policy in a policy token, unsigned or signed"))
    .argument("<policy>", "policy file ('-' reads standard input)")
    .action(async (path: string, options: SignOptions) => report(await create(path, options)));
  signing(
    token.command("reset").description("build the policy reset token (POST /policies/{type}:reset)"),
  ).action(async (options: SignOptions) => report(await reset(options)));
  token
    .command("decode")
    .description("print the policy inside a policy token or a GET /policies response")
    .argument("<token>", "token file ('-' reads standard input)")
    .option("-o, --output <file>", "write the policy text to a file instead of standard output")
    .option(
      "--request <file>",
      "for a set-policy response: the token that was sent, to check x-ms-policy-token-hash",
    )
    .addOption(formatOption())
    .action(async (path: string, options: DecodeOptions) => report(await decode(path, options)));
  token
    .command("verify")
    .description("check a token's signature and x5c chain the way an attestation provider does")
    .argument("<token>", "token file ('-' reads standard input)")
    .option("--trusted <files...>", "the provider's policy management certificates (Isolated mode)")
    .option("--require-signed", "refuse unsigned tokens")
    .option("--at <time>", "check certificate validity at this ISO 8601 time instead of now")
    .addOption(formatOption())
    .action(async (path: string, options: VerifyOptions) => report(await verify(path, options)));
}

async function create(path: string, options: SignOptions): Promise<number> {
  const text = await readText(path);
  const key = await readSigningKey(options.key, options.cert);
  const token = await createPolicyToken(text, key);
  if (reportedFailure(path, text, token, options.format)) return ExitCode.Invalid;
  return emit(token.value, { policyHash: policyHash(text) }, options);
}

async function reset(options: SignOptions): Promise<number> {
  const token = await createResetToken(await readSigningKey(options.key, options.cert));
  if (reportedFailure("reset", "", token, options.format)) return ExitCode.Invalid;
  return emit(token.value, {}, options);
}

async function emit(token: string, extra: object, options: SignOptions): Promise<number> {
  if (options.format === "json") {
    if (options.output) await writeFile(options.output, token, "utf8");
    process.stdout.write(
      JSON.stringify({ token, ...extra, policyTokenHash: policyTokenHash(token) }, null, 2) + "\n",
    );
  } else {
    await emitToken(token, options.output);
  }
  return ExitCode.Ok;
}

interface DecodeOptions {
  output?: string;
  request?: string;
  format: Format;
}

/** Service responses carry these claims; anything else is decoded as an upload token. */
const RESPONSE_CLAIMS = ["x-ms-policy", "x-ms-policy-result", "x-ms-policy-token-hash"];

async function decode(path: string, options: DecodeOptions): Promise<number> {
  const text = await readToken(path);
  if (isResponse(text)) {
    const result = decodePolicyResult(text);
    if (reportedFailure(path, text, result, options.format)) return ExitCode.Invalid;
    const request = options.request === undefined ? undefined : await readToken(options.request);
    return renderPolicyResult(path, result.value, result.warnings, request, options);
  }
  const result = decodePolicyToken(text);
  if (reportedFailure(path, text, result, options.format)) return ExitCode.Invalid;
  await printPolicy(path, result.value, result.warnings, options);
  return ExitCode.Ok;
}

function isResponse(text: string): boolean {
  const parts = decomposeJws(text);
  const payload = parts.ok && payloadObject(parts.value);
  return !!payload && payload.ok && RESPONSE_CLAIMS.some((claim) => claim in payload.value);
}

interface VerifyOptions {
  trusted?: string[];
  requireSigned?: boolean;
  at?: string;
  format: Format;
}

async function verify(path: string, options: VerifyOptions): Promise<number> {
  const text = await readToken(path);
  const now = options.at === undefined ? undefined : parseTime(options.at);
  const trustedCertificates = options.trusted && (await readCertificates(options.trusted));
  const parts = decomposeJws(text);
  if (reportedFailure(path, text, parts, options.format)) return ExitCode.Invalid;
  const result = await verifyJws(parts.value, {
    trustedCertificates,
    requireSigned: options.requireSigned,
    now,
  });
  if (reportedFailure(path, text, result, options.format)) return ExitCode.Invalid;
  renderVerification(path, result.value, result.warnings, options.format);
  return ExitCode.Ok;
}

function parseTime(text: string): Date {
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--at: not an ISO 8601 time: ${text}`);
  return time;
}
