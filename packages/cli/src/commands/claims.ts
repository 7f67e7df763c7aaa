import { Option, type Command } from "commander";
import type { Claim } from "@maa-policy/parser";
import { addEvidenceOptions, evidenceClaims, type EvidenceOptions } from "../evidence-input.js";
import { ExitCode } from "../exit-codes.js";
import { writeOutput } from "../io.js";
import { outputOption, parseTime } from "../options.js";
import type { Report } from "./index.js";

export interface ClaimsOptions extends EvidenceOptions {
  format: "text" | "json";
  output?: string;
}

/** `policy-eval claims`: the incoming claims the service would derive from SGX/OpenEnclave evidence. */
export function register(program: Command, report: Report): void {
  const command = program
    .command("claims")
    .description("verify an SGX quote or OpenEnclave report offline and print its incoming claims")
    .argument("<evidence>", "quote or report: raw bytes, base64 or base64url ('-' reads standard input)");
  addEvidenceOptions(command)
    .addOption(
      new Option("--attestation-type <type>", "evidence kind (default: detected)").choices([
        "sgx",
        "openenclave",
      ]),
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(outputOption("write the claims to a file instead of standard output"))
    .option(
      "--now <time>",
      "check certificate validity at this time: seconds since the epoch or ISO 8601",
      parseTime,
    )
    .action(async (evidence: string, options: ClaimsOptions) => report(await runClaims(evidence, options)));
}

export async function runClaims(path: string, options: ClaimsOptions): Promise<number> {
  const evidence = await evidenceClaims(path, options);
  if (!evidence.ok) return evidence.exitCode;
  const { claims } = evidence.result;
  const output = options.format === "json" ? `${JSON.stringify(claims, null, 2)}\n` : text(claims);
  if (options.output) await writeOutput(options.output, output);
  else process.stdout.write(output);
  return ExitCode.Ok;
}

/** One `type (valueType) = value` line per claim; JSON values come compact from the evidence package. */
function text(claims: readonly Claim[]): string {
  return claims.map((claim) => `${claim.type} (${claim.valueType}) = ${String(claim.value)}\n`).join("");
}
