import { Argument, type Command } from "commander";
import { completionCandidates } from "../completion-candidates.js";
import { ExitCode } from "../exit-codes.js";
import { PROGRAM } from "../io.js";
import type { Report } from "./index.js";

/** The shells whose scripts @pnpm/tabtab writes and the tests run (test/completion.test.ts). */
const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

/**
 * `policy-eval completion <shell>` prints the shell's completion script (from @pnpm/tabtab, the
 * library pnpm completes with); at each Tab the script runs the hidden `completion-server`,
 * which answers from commander's own command tree (completion-candidates.ts).
 */
export function register(program: Command, report: Report): void {
  program
    .command("completion")
    .description('print the shell completion script: eval "$(policy-eval completion bash)" (docs/cli.md)')
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .action(async (shell: Shell) => report(await script(shell)));
  program
    .command("completion-server", { hidden: true })
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async () => report(await serve(program)));
}

async function script(shell: Shell): Promise<number> {
  const { default: tabtab } = await import("@pnpm/tabtab");
  process.stdout.write(await tabtab.getCompletionScript({ name: PROGRAM, completer: PROGRAM, shell }));
  return ExitCode.Ok;
}

/** Reads the line and cursor the script passes (COMP_LINE, COMP_POINT) and prints the candidates. */
async function serve(program: Command): Promise<number> {
  const { default: tabtab } = await import("@pnpm/tabtab");
  const env = tabtab.parseEnv(process.env);
  const shell = tabtab.getShellFromEnv(process.env);
  const words = env.partial.split(/\s+/);
  const current = words.pop() ?? "";
  const found = completionCandidates(program, words.slice(1), current);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  // bash falls back to its own file names on an empty answer (`complete -o default`); the other
  // scripts wait for tabtab's marker.
  if ("files" in found) {
    if (shell !== "bash") print("__tabtab_complete_files__");
  } else {
    tabtab.log(
      found.words.map(({ name, description }) => ({ name, description })),
      shell,
      print,
    );
  }
  return ExitCode.Ok;
}
