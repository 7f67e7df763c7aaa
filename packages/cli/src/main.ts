import { Command, CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import { describeSystemError, problemLine, usageErrorLine, UsageError, PROGRAM } from "./io.js";
import { registerCommands } from "./commands/index.js";
import { runOptions } from "./run-options.js";
import { VERSION, VERSION_OPTIONS } from "./version.js";

/**
 * Runs `policy-eval` with `argv` (without node and script) and returns the exit code. Commands
 * set `process.exitCode`-style results through the returned promise; nothing here calls `exit`,
 * so tests can run it in-process.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = ExitCode.Ok;
  runOptions.quiet = false;
  const program = new Command(PROGRAM)
    .description("Check, evaluate and package Microsoft Azure Attestation policies offline")
    .version(VERSION, VERSION_OPTIONS.join(", "), "print the version and exit")
    .option(
      "-q, --quiet",
      "print only what failed and the command's own output: no summaries, notes or warnings",
    )
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      // commander's "error: …" becomes the CLI's one error shape, `policy-eval: error: …`.
      outputError: (text, write) => write(`${PROGRAM}: ${text}`),
    })
    .showHelpAfterError(false)
    // Each command's help lists --quiet too (and completion offers it).
    .configureHelp({ showGlobalOptions: true })
    .hook("preAction", (command) => {
      runOptions.quiet = command.opts<{ quiet?: boolean }>().quiet === true;
    });
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
      // Help and --version exit 0; every usage error exits 2 (commander's own code is 1).
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(usageErrorLine(error));
      return ExitCode.Usage;
    }
    // A system error no command expected (a full disk under `> out.txt`, which Node writes
    // synchronously), or a bug: one line, never a stack trace.
    const what = (error as NodeJS.ErrnoException).code
      ? describeSystemError(error)
      : `internal error: ${(error as Error).message}`;
    process.stderr.write(problemLine({ severity: "error", message: what }));
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
    const message = `cannot write to standard output: ${describeSystemError(error)}`;
    process.stderr.write(problemLine({ severity: "error", message }));
    process.exit(ExitCode.Usage);
  });
  // Nowhere left to say anything.
  process.stderr.on("error", () => process.exit(ExitCode.Usage));
}
