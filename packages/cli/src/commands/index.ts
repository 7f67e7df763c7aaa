import type { Command } from "commander";
import { register as registerCheck } from "./check.js";
import { register as registerEval } from "./eval.js";
import { register as registerTest } from "./test.js";
import { register as registerHash } from "./hash.js";
import { register as registerSigner } from "./signer.js";
import { register as registerToken } from "./token.js";
import { register as registerClaims } from "./claims.js";
import { register as registerFmt } from "./fmt.js";

/** Reports a command's exit code; the worst one reported wins. */
export type Report = (exitCode: number) => void;

/** Each command lives in its own module with a `register(program, report)` function. */
export function registerCommands(program: Command, report: Report): void {
  registerCheck(program, report);
  registerEval(program, report);
  registerTest(program, report);
  registerToken(program, report);
  registerHash(program, report);
  registerSigner(program, report);
  registerClaims(program, report);
  registerFmt(program, report);
}
