import { Option, type Command } from "commander";
import type { Report } from "./index.js";

export interface EvalOptions {
  claims: string;
  format: "text" | "json" | "token";
  explain?: boolean;
  now?: string;
  issuer?: string;
  attestationType?: string;
}

/**
 * `policy-eval eval`: the offline `draftPolicyForAttestation`. Only commander is loaded here; the
 * parser and evaluator load when the command runs, so other commands start without them.
 */
export function register(program: Command, report: Report): void {
  program
    .command("eval")
    .description("evaluate a policy against incoming claims, as draftPolicyForAttestation does")
    .argument("<policy>", "policy file ('-' reads standard input)")
    .requiredOption(
      "-c, --claims <file>",
      "incoming claims: JSON array, JSON object or attestation token ('-' reads standard input)",
    )
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["text", "json", "token"]).default("text"),
    )
    .option("--explain", "show, rule by rule, which conditions held and which claims they matched")
    .option("--now <time>", "the token's clock: seconds since the epoch or an ISO date (default: now)")
    .option("--issuer <url>", "the token's iss")
    .option("--attestation-type <type>", "the token's x-ms-attestation-type (default: the incoming claim)")
    .action(async (policy: string, options: EvalOptions) => {
      const { runEval } = await import("../eval-run.js");
      report(await runEval(policy, options));
    });
}
