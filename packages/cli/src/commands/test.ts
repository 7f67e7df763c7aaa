import { InvalidArgumentError, Option, type Command } from "commander";
import { outputOption } from "../options.js";
import type { TestOptions } from "../eval-test-run.js";
import type { Report } from "./index.js";

/** `policy-eval test`: policy test files run like `opa test`. The runner (and yaml) load only when it runs. */
export function register(program: Command, report: Report): void {
  program
    .command("test")
    .description(
      "run policy test files (*.test.yaml, *.test.yml, *.test.json): expected outcome, issued claims, error",
    )
    .argument("[paths...]", "test files or directories to search", ["."])
    .option("-r, --run <pattern>", "run only the cases whose name matches this regular expression", regExp)
    .option("--coverage", "list the rules that never fired")
    .addOption(
      new Option("--threshold <percent>", "with --coverage: exit 1 if fewer rules fired (0-100)")
        .argParser(percent)
        .implies({ coverage: true }),
    )
    .option("-v, --verbose", "print passing cases too")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(outputOption("write the report to a file instead of standard output"))
    .action(async (paths: string[], options: TestOptions) => {
      const { runTests } = await import("../eval-test-run.js");
      report(await runTests(paths, options));
    });
}

function regExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function percent(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100)
    throw new InvalidArgumentError("expected a percentage from 0 to 100");
  return value;
}
