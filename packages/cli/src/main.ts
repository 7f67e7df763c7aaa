import { Command, CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import { describeSystemError, UsageError } from "./io.js";
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
    // A system error no command expected (a full disk under `> out.txt`, which Node writes
    // synchronously), or a bug: one line, never a stack trace.
    const what = (error as NodeJS.ErrnoException).code
      ? describeSystemError(error)
      : `internal error: ${(error as Error).message}`;
    process.stderr.write(`policy-eval: ${what}\n`);
    return ExitCode.Usage;
  }
  return code;
}

/**
 * Installed by the process entry (bin/policy-eval.js), not by `main`, which tests run in-process:
 * when standard output cannot be written (`| head -1` closed the pipe, the disk is full), the run
 * ends with one line on standard error and exit code 2 rather than an unhandled 'error' event and
 * a stack trace.
 */
export function exitOnOutputError(): void {
  process.stdout.on("error", (error) => {
    process.stderr.write(`policy-eval: cannot write to standard output: ${describeSystemError(error)}\n`);
    process.exit(ExitCode.Usage);
  });
  // Nowhere left to say anything.
  process.stderr.on("error", () => process.exit(ExitCode.Usage));
}
