import { Command, CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import { UsageError } from "./io.js";
import { registerCommands } from "./commands/index.js";

/**
 * Runs `policy-eval` with `argv` (without node and script) and returns the exit code. Commands
 * set `process.exitCode`-style results through the returned promise; nothing here calls `exit`,
 * so tests can run it in-process.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = ExitCode.Ok;
  const program = new Command("policy-eval")
    .description("Check, evaluate and package Microsoft Azure Attestation policies offline")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError(false);
  await registerCommands(
    program,
    (result) => {
      code = Math.max(code, result);
    },
    argv,
  );
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version"
        ? 0
        : ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`policy-eval: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  }
  return code;
}
