import { createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../io.js";
import { displayName, formatOption, type Format } from "../token-io.js";
import { loadPolicy } from "./check.js";
import type { Report } from "./index.js";

export function register(program: Command, report: Report): void {
  program
    .command("hash")
    .description(
      "print the x-ms-policy-hash of a policy and the x-ms-policy-token-hash of its unsigned token",
    )
    .argument("<policy>", "UTF-8 policy file ('-' reads standard input); hashed byte for byte")
    .addOption(formatOption())
    .action(async (path: string, options: { format: Format }) => report(await hash(path, options.format)));
}

export async function hash(path: string, format: Format): Promise<number> {
  const text = await loadPolicy(path);
  if (typeof text !== "string") throw new UsageError(text.error);
  const token = createUnsignedPolicyToken(text);
  const hashes = { policyHash: policyHash(text), policyTokenHash: policyTokenHash(token) };
  if (format === "json") {
    process.stdout.write(JSON.stringify({ file: displayName(path), ...hashes, token }, null, 2) + "\n");
  } else {
    process.stdout.write(
      `x-ms-policy-hash        ${hashes.policyHash}\nx-ms-policy-token-hash  ${hashes.policyTokenHash}\n`,
    );
  }
  return ExitCode.Ok;
}
