import {
  policyTokenHash,
  type PolicyResult,
  type PolicyToken,
  type TokenWarning,
  type Verification,
} from "@maa-policy/tokens";
import { ExitCode } from "./exit-codes.js";
import { problemLine, writeOutput } from "./io.js";
import { runOptions } from "./run-options.js";
import { displayName, warningLines, type Format } from "./token-io.js";

/**
 * A policy-management response: its result claims, the stored policy of a GET, and (given the
 * request) whether `x-ms-policy-token-hash` is the hash of what was sent. The instance's own
 * signature (`jku`/`kid`) is not checked: that needs its /certs, which an offline tool lacks.
 */
export async function renderPolicyResult(
  path: string,
  response: PolicyResult,
  warnings: readonly TokenWarning[],
  request: string | undefined,
  options: { output?: string; format: Format },
): Promise<number> {
  const expected = request === undefined ? undefined : policyTokenHash(request);
  const mismatch = expected !== undefined && expected !== response.policyTokenHash;
  if (options.format === "json") {
    const { parts, storedPolicy, ...rest } = response;
    const stored = storedPolicy && { ...storedPolicy, parts: undefined, header: storedPolicy.parts.header };
    const check = expected === undefined ? {} : { requestTokenHash: expected, tokenHashMatches: !mismatch };
    const json = {
      file: displayName(path),
      ok: !mismatch,
      header: parts.header,
      ...rest,
      storedPolicy: stored,
      ...check,
      warnings,
    };
    process.stdout.write(JSON.stringify(json, null, 2) + "\n");
    return mismatch ? ExitCode.Invalid : ExitCode.Ok;
  }
  if (response.storedPolicy) {
    await printPolicy(path, response.storedPolicy, warnings, options);
    return ExitCode.Ok;
  }
  process.stderr.write(warningLines(path, warnings));
  const lines = [
    response.result === undefined ? undefined : `x-ms-policy-result      ${response.result}`,
    response.policyTokenHash === undefined
      ? undefined
      : `x-ms-policy-token-hash  ${response.policyTokenHash}`,
    response.signer === undefined ? undefined : `x-ms-policy-signer      ${JSON.stringify(response.signer)}`,
  ];
  process.stdout.write(lines.filter((line) => line !== undefined).join("\n") + "\n");
  if (!mismatch) return ExitCode.Ok;
  const message = `x-ms-policy-token-hash ${response.policyTokenHash} is not the hash of the request token (${expected})`;
  process.stderr.write(
    problemLine({ where: displayName(path), severity: "error", code: "TokenHashMismatch", message }),
  );
  return ExitCode.Invalid;
}

export function renderVerification(
  path: string,
  verification: Verification,
  warnings: readonly TokenWarning[],
  format: Format,
): void {
  if (format === "json") {
    process.stdout.write(
      JSON.stringify({ file: displayName(path), ok: true, ...verification, warnings }, null, 2) + "\n",
    );
    return;
  }
  process.stderr.write(warningLines(path, warnings));
  if (runOptions.quiet) return;
  if (verification.algorithm === "none") {
    process.stdout.write(`${displayName(path)}: valid, unsigned (alg none)\n`);
    return;
  }
  const chain = verification.chain.map((certificate) => certificate.subject).join(" < ");
  const trust = verification.trustedBy ? `; trusted by ${verification.trustedBy}` : "";
  process.stdout.write(
    `${displayName(path)}: valid, ${verification.algorithm} signature by ${chain}${trust}\n`,
  );
}

/** The policy text exactly as decoded (stdout or `--output`), warnings on stderr; or JSON. */
export async function printPolicy(
  path: string,
  token: PolicyToken,
  warnings: readonly TokenWarning[],
  options: { output?: string; format: Format },
): Promise<void> {
  if (options.output && token.policy !== null) await writeOutput(options.output, token.policy);
  if (options.format === "json") {
    const { parts, ...rest } = token;
    const json = { file: displayName(path), ok: true, ...rest, header: parts.header, warnings };
    process.stdout.write(JSON.stringify(json, null, 2) + "\n");
    return;
  }
  process.stderr.write(warningLines(path, warnings));
  if (token.policy === null)
    process.stderr.write(
      problemLine({
        where: displayName(path),
        severity: "warning",
        message: "no policy (empty payload: a reset token)",
      }),
    );
  else if (!options.output) process.stdout.write(token.policy);
}
