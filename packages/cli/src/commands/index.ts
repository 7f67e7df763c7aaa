import type { Command } from "commander";

/** Reports a command's exit code; the worst one reported wins. */
export type Report = (exitCode: number) => void;

/** Each command lives in its own module with a `register(program, report)` function. */
export function registerCommands(_program: Command, _report: Report): void {}
