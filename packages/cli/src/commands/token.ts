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
import { analyzePolicyAsync, serviceParsingError } from "@maa-policy/parser";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { styleFor } from "../output/display.js";
import { formatText } from "../output/text.js";
import { problemLine, writeOutput } from "../io.js";
import { readPolicyFile } from "../read-policy.js";
import { printPolicy, renderPolicyResult, renderVerification } from "../token-render.js";
import {
  displayName,
  emitToken,
  formatOption,
  readCertificates,
  readSigningKey,
  readTokenArgument,
  reportedFailure,
  type Format,
} from "../token-io.js";
import { collect, outputOption, parseTime } from "../options.js";
import type { Report } from "./index.js";

interface SignOptions {
  key?: string;
  cert?: string[];
  output?: string;
  format: Format;
}

/** Formats of the commands that read a token and can refuse it, as `check` has them. */
const READ_FORMATS: Format[] = ["text", "json", "service"];

export function register(program: Command, report: Report): void {
  const token = program
    .command("token")
    .description("encode, decode and verify policy tokens (the PUT /policies body)");
  const signing = (command: Command) =>
    command
      .option("--key <file>", "PEM private key that signs the token (RSA → RS256, EC P-256 → ES256)")
      .option(
        "--cert <file>",
        "PEM certificate of that key, optionally followed by its chain; repeat for more files; goes in x5c",
        collect,
      )
      .addOption(outputOption("write the token to a file, byte for byte, instead of standard output"))
      .addOption(formatOption());
  const encoder = (name: string, hidden: boolean) =>
    signing(
      token.command(name, { hidden }).description("wrap a policy in a policy token, unsigned or signed"),
    )
      .argument("<policy>", "policy file ('-' reads standard input)")
      .action(async (path: string, options: SignOptions) => report(await encode(path, options)));
  encoder("encode", false);
  // `create` was this command's first name; kept out of the help so old scripts still run.
  encoder("create", true);
  signing(
    token.command("reset").description("build the policy reset token (POST /policies/{type}:reset)"),
  ).action(async (options: SignOptions) => report(await reset(options)));
  token
    .command("decode")
    .description("print the policy inside a policy token or a GET /policies response (no verification)")
    .argument("<jws|file>", "the token itself, a token file, or '-' for standard input")
    .addOption(outputOption("write the policy text to a file instead of standard output"))
    .option(
      "--request <jws|file>",
      "for a set-policy response: the token that was sent, to check x-ms-policy-token-hash",
    )
    .addOption(formatOption(READ_FORMATS))
    .action(async (path: string, options: DecodeOptions) => report(await decode(path, options)));
  token
    .command("verify")
    .description("check a token's algorithm, signature and x5c chain the way an attestation provider does")
    .argument("<jws|file>", "the token itself, a token file, or '-' for standard input")
    .option(
      "--signer <pem>",
      "a policy management certificate of the provider (Isolated mode); repeat for several",
      collect,
    )
    .option("--require-signed", "refuse unsigned tokens (implied by --signer)")
    .option(
      "--at <time>",
      "check certificate validity at this time instead of now: seconds since the epoch or ISO 8601",
      parseTime,
    )
    .addOption(formatOption(READ_FORMATS))
    .action(async (path: string, options: VerifyOptions) => report(await verify(path, options)));
}

async function encode(path: string, options: SignOptions): Promise<number> {
  const text = await readPolicyFile(path);
  if (typeof text !== "string") throw text.error;
  if (await refusedByParser(path, text, options.format)) return ExitCode.Invalid;
  const key = await readSigningKey(options.key, options.cert);
  const token = await createPolicyToken(text, key);
  if (reportedFailure(path, text, token, options.format)) return ExitCode.Invalid;
  return emit(token.value, { policyHash: policyHash(text) }, options);
}

/**
 * The service parses a policy before it stores it and refuses one that does not parse with
 * PolicyParsingError; so does encode, before anything is signed. Text shows `check`'s findings,
 * json and service formats the service's error. Checker findings alone do not stop it.
 */
async function refusedByParser(path: string, text: string, format: Format): Promise<boolean> {
  const analysis = await analyzePolicyAsync(text);
  const error = serviceParsingError(analysis);
  if (!error) return false;
  if (format === "text") {
    const name = displayName(path);
    process.stderr.write(formatText([{ path: name, analysis }], styleFor(process.stderr)));
    const message = "not encoded: the service refuses a policy that does not parse";
    process.stderr.write(problemLine({ where: name, severity: "error", message }));
    return true;
  }
  // The service's message names the line and column itself.
  return reportedFailure(path, text, { ok: false, error, warnings: [] }, format);
}

async function reset(options: SignOptions): Promise<number> {
  const token = await createResetToken(await readSigningKey(options.key, options.cert));
  if (reportedFailure("reset", "", token, options.format)) return ExitCode.Invalid;
  return emit(token.value, {}, options);
}

async function emit(token: string, extra: object, options: SignOptions): Promise<number> {
  if (options.format === "json") {
    if (options.output) await writeOutput(options.output, token);
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

async function decode(argument: string, options: DecodeOptions): Promise<number> {
  const { name, text } = await readTokenArgument(argument);
  if (isResponse(text)) {
    const result = decodePolicyResult(text);
    if (reportedFailure(name, text, result, options.format)) return ExitCode.Invalid;
    const request =
      options.request === undefined ? undefined : (await readTokenArgument(options.request)).text;
    return renderPolicyResult(name, result.value, result.warnings, request, options);
  }
  const result = decodePolicyToken(text);
  if (reportedFailure(name, text, result, options.format)) return ExitCode.Invalid;
  await printPolicy(name, result.value, result.warnings, options);
  return ExitCode.Ok;
}

function isResponse(text: string): boolean {
  const parts = decomposeJws(text);
  const payload = parts.ok && payloadObject(parts.value);
  return !!payload && payload.ok && RESPONSE_CLAIMS.some((claim) => claim in payload.value);
}

interface VerifyOptions {
  signer?: string[];
  requireSigned?: boolean;
  at?: Date;
  format: Format;
}

async function verify(argument: string, options: VerifyOptions): Promise<number> {
  const { name, text } = await readTokenArgument(argument);
  const now = options.at;
  const trustedCertificates = options.signer && (await readCertificates(options.signer));
  const parts = decomposeJws(text);
  if (reportedFailure(name, text, parts, options.format)) return ExitCode.Invalid;
  const result = await verifyJws(parts.value, {
    trustedCertificates,
    requireSigned: options.requireSigned,
    now,
  });
  if (reportedFailure(name, text, result, options.format)) return ExitCode.Invalid;
  renderVerification(name, result.value, result.warnings, options.format);
  return ExitCode.Ok;
}
