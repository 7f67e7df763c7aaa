import type { Command } from "commander";
import { VERSION_OPTIONS } from "../version.js";

/** Reports a command's exit code; the worst one reported wins. */
export type Report = (exitCode: number) => void;

interface CommandModule {
  register(program: Command, report: Report): void;
}

/**
 * Every command, by name, loaded on demand: `policy-eval eval` should not load the X.509 and JOSE
 * code of `token` before it starts (cold start is a feature). Each module registers itself with
 * `register(program, report)`.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  check: () => import("./check.js"),
  eval: () => import("./eval.js"),
  test: () => import("./test.js"),
  token: () => import("./token.js"),
  hash: () => import("./hash.js"),
  signer: () => import("./signer.js"),
  claims: () => import("./claims.js"),
  fmt: () => import("./fmt.js"),
  serve: () => import("./serve.js"),
  completion: () => import("./completion.js"),
  playground: () => import("./playground.js"),
};

/**
 * Registers the command `argv` names, none for `--version` alone (loading every command doubled
 * its start), or all of them (for help, unknown commands and the completion server, which reads
 * the whole tree).
 */
export async function registerCommands(
  program: Command,
  report: Report,
  argv: readonly string[],
): Promise<void> {
  if (argv.length === 1 && VERSION_OPTIONS.includes(argv[0])) return;
  const named = argv[0] !== undefined ? COMMANDS[argv[0]] : undefined;
  const modules = await Promise.all(named ? [named()] : Object.values(COMMANDS).map((load) => load()));
  for (const module of modules) module.register(program, report);
}
