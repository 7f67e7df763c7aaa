import type { Command } from "commander";
import type { Report } from "./index.js";

export interface TestOptions {
  coverage?: boolean;
  verbose?: boolean;
}

/** `policy-eval test`: policy test files run like `opa test`. The runner (and yaml) load only when it runs. */
export function register(program: Command, report: Report): void {
  program
    .command("test")
    .description(
      "run policy test files (*.test.yaml, *.test.yml, *.test.json): expected outcome, issued claims, error",
    )
    .argument("[paths...]", "test files or directories to search", ["."])
    .option("--coverage", "list the rules that never fired")
    .option("-v, --verbose", "print passing cases too")
    .action(async (paths: string[], options: TestOptions) => {
      const { runTests } = await import("../eval-test-run.js");
      report(await runTests(paths, options));
    });
}
