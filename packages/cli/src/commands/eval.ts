import { Option, type Command } from "commander";
import { addEvidenceOptions } from "../evidence-input.js";
import type { EvalOptions } from "../eval-run.js";
import { outputOption, parseTime } from "../options.js";
import type { Report } from "./index.js";

/**
 * `policy-eval eval`: the offline `draftPolicyForAttestation`. Only commander is loaded here; the
 * parser and evaluator load when the command runs, so other commands start without them.
 */
export function register(program: Command, report: Report): void {
  const command = program
    .command("eval")
    .description("evaluate a policy against incoming claims, as draftPolicyForAttestation does")
    .argument("<policy>", "policy file ('-' reads standard input)")
    .option(
      "-c, --claims <file>",
      "incoming claims: JSON array, JSON object or attestation token ('-' reads standard input)",
    )
    .option(
      "-e, --evidence <file>",
      "or evidence: an SGX quote or OpenEnclave report (raw, base64 or base64url), verified offline",
    );
  addEvidenceOptions(command)
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["text", "json", "token"]).default("text"),
    )
    .option("--explain", "show, rule by rule, which conditions held and which claims they matched")
    .option(
      "--now <time>",
      "the clock of the token and of certificate checks: seconds since the epoch or ISO 8601 (default: now)",
      parseTime,
    )
    .option("--issuer <url>", "the token's iss")
    .addOption(outputOption("write the result (or the token) to a file instead of standard output"))
    .option(
      "--attestation-type <type>",
      "with --evidence: sgx or openenclave (default: detected); otherwise the token's x-ms-attestation-type",
    )
    .action(async (policy: string, options: EvalOptions) => {
      const { runEval } = await import("../eval-run.js");
      report(await runEval(policy, options));
    });
}
