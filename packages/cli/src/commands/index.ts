import type { Command } from "commander";
import { register as registerCheck } from "./check.js";
import { register as registerEval } from "./eval.js";

/** Reports a command's exit code; the worst one reported wins. */
export type Report = (exitCode: number) => void;

/** Each command lives in its own module with a `register(program, report)` function. */
export function registerCommands(program: Command, report: Report): void {
  registerCheck(program, report);
  registerEval(program, report);
}
