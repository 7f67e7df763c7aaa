import { draftToken, loadPolicy as compile, parseClaims, type EvaluationResult } from "@maa-policy/evaluator";
import { claimTypeWarnings, restErrorBody, type Claim, type Result } from "@maa-policy/parser";
import { evidenceClaims, type EvidenceOptions } from "./evidence-input.js";
import { readPolicyFile } from "./read-policy.js";
import { formatExplanation, formatOutcome } from "./eval-text.js";
import { ExitCode } from "./exit-codes.js";
import { styleFor } from "./output/display.js";
import { formatText } from "./output/text.js";
import { displayName, problemLine, readError, readInput, UsageError, writeOutput } from "./io.js";

export interface EvalOptions extends Omit<EvidenceOptions, "attestationType"> {
  claims?: string;
  evidence?: string;
  format: "text" | "json" | "token";
  explain?: boolean;
  now?: Date;
  issuer?: string;
  attestationType?: string;
  output?: string;
}

export async function runEval(policyPath: string, options: EvalOptions): Promise<number> {
  if ((options.claims === undefined) === (options.evidence === undefined))
    throw new UsageError("give the incoming claims with either --claims or --evidence");
  if (policyPath === "-" && (options.claims ?? options.evidence) === "-")
    throw new UsageError("the policy and the claims cannot both be read from standard input");
  const now = options.now === undefined ? undefined : Math.floor(options.now.getTime() / 1000);
  const text = await readPolicyFile(policyPath);
  if (typeof text !== "string") throw text.error;
  const claims = await incomingClaims(options);
  if (!claims.ok) return claims.exitCode;

  const path = displayName(policyPath);
  const loaded = await compile(text);
  if (!loaded.ok) {
    // Exactly what `policy-eval check` prints, on stderr: stdout is kept for the result.
    process.stderr.write(formatText([{ path, analysis: loaded.analysis }], styleFor(process.stderr)));
    return ExitCode.Invalid;
  }
  const result = loaded.policy.evaluate(claims.claims, { trace: options.explain === true });
  const output = render(result, options, { path, text, now });
  if (options.output) await writeOutput(options.output, output);
  else process.stdout.write(output);
  return result.permitted ? ExitCode.Ok : ExitCode.Denied;
}

function render(
  result: EvaluationResult,
  options: EvalOptions,
  source: { path: string; text: string; now: number | undefined },
): string {
  switch (options.format) {
    case "json":
      return `${JSON.stringify(toJson(result), null, 2)}\n`;
    case "token": {
      const token = draftToken(result, {
        policyText: source.text,
        now: source.now,
        issuer: options.issuer,
        // With evidence, --attestation-type named its kind; the token's type is the incoming claim's.
        attestationType: options.evidence === undefined ? options.attestationType : undefined,
      });
      // A failed evaluation answers as the service does: its REST error body.
      return token.ok ? `${token.token}\n` : `${JSON.stringify(restErrorBody(token.error))}\n`;
    }
    default: {
      const style = styleFor(process.stdout);
      const explanation = options.explain ? formatExplanation(result, source, style) : "";
      return explanation + formatOutcome(result, source.path, style);
    }
  }
}

function toJson(result: EvaluationResult): object {
  return {
    outcome: result.outcome,
    permitted: result.permitted,
    ...(result.error ? { error: result.error, restError: restErrorBody(result.error) } : {}),
    ...(result.failure ? { failure: result.failure } : {}),
    issued: result.issued,
    properties: result.properties,
    engine: result.engine,
    ...(result.trace ? { trace: result.trace } : {}),
  };
}

/** The incoming claims: from a claims file, or verified evidence (which picks the token's type itself). */
async function incomingClaims(
  options: EvalOptions,
): Promise<Result<{ claims: readonly Claim[] }, { exitCode: number }>> {
  if (options.evidence !== undefined) {
    const kind = options.attestationType;
    if (kind !== undefined && kind !== "sgx" && kind !== "openenclave")
      throw new UsageError(`--attestation-type: with --evidence it is sgx or openenclave, not '${kind}'`);
    const evidence = await evidenceClaims(options.evidence, { ...options, attestationType: kind });
    return evidence.ok ? { ok: true, claims: evidence.result.claims } : evidence;
  }
  const path = options.claims!;
  const claimsText = await readInput(path).catch((error: unknown) => {
    throw readError(path, error);
  });
  const claims = parseClaims(claimsText);
  if (!claims.ok) throw new UsageError(claims.error.message, displayName(path));
  for (const warning of claimTypeWarnings(claims.claims))
    process.stderr.write(problemLine({ where: displayName(path), severity: "warning", message: warning }));
  return claims;
}
