import { writeOutput } from "../io.js";
import { createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { outputOption } from "../options.js";
import { readPolicyFile } from "../read-policy.js";
import { displayName, formatOption, type Format } from "../token-io.js";
import type { Report } from "./index.js";

export function register(program: Command, report: Report): void {
  program
    .command("hash")
    .description(
      "print the x-ms-policy-hash of a policy and the x-ms-policy-token-hash of its unsigned token",
    )
    .argument("<policy>", "UTF-8 policy file ('-' reads standard input); hashed byte for byte")
    .addOption(formatOption())
    .addOption(outputOption("write the hashes to a file instead of standard output"))
    .action(async (path: string, options: { format: Format; output?: string }) =>
      report(await hash(path, options.format, options.output)),
    );
}

export async function hash(path: string, format: Format, output?: string): Promise<number> {
  const text = await readPolicyFile(path);
  if (typeof text !== "string") throw text.error;
  const token = createUnsignedPolicyToken(text);
  const hashes = { policyHash: policyHash(text), policyTokenHash: policyTokenHash(token) };
  const report =
    format === "json"
      ? JSON.stringify({ file: displayName(path), ...hashes, token }, null, 2) + "\n"
      : `x-ms-policy-hash        ${hashes.policyHash}\nx-ms-policy-token-hash  ${hashes.policyTokenHash}\n`;
  if (output) await writeOutput(output, report);
  else process.stdout.write(report);
  return ExitCode.Ok;
}
