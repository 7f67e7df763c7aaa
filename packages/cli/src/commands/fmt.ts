import { formatPolicy, type FormatOptions } from "@maa-policy/parser";
import { InvalidArgumentError, Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { writeFileAtomic } from "../atomic-write.js";
import { describeSystemError, UsageError } from "../io.js";
import { loadPolicy } from "./check.js";
import type { Report } from "./index.js";

interface FmtOptions {
  check?: boolean;
  write?: boolean;
  indent?: number;
  lineWidth?: number;
}

export function register(program: Command, report: Report): void {
  program
    .command("fmt")
    .description(
      "format policies in the canonical layout (docs/formatting.md); comments and meaning are kept",
    )
    .argument("<files...>", "policy files ('-' reads standard input)")
    .addOption(
      new Option("--check", "list the files that are not formatted and exit 1 if any").conflicts("write"),
    )
    .option("--write", "rewrite the files in place ('-' prints the formatted policy)")
    .option("--indent <spaces>", "spaces per indentation level (default 4)", integer(0, 16))
    .option("--line-width <columns>", "wrap rules longer than this (default 110)", integer(1, 10_000))
    .action(async (paths: string[], options: FmtOptions) => report(await fmt(paths, options)));
}

/**
 * Without a flag one policy is printed formatted; `--write` and `--check` take any number. A policy
 * with syntax errors is reported and left as it is, since formatting broken text could change it.
 */
export async function fmt(paths: readonly string[], options: FmtOptions): Promise<number> {
  if (!options.check && !options.write && paths.length > 1)
    throw new UsageError("fmt prints one policy; give --write or --check for several files");
  const formatOptions: FormatOptions = { indent: options.indent, maxLineWidth: options.lineWidth };
  let exit: number = ExitCode.Ok;
  for (const path of paths) {
    const name = path === "-" ? "<stdin>" : path;
    const loaded = await loadPolicy(path);
    if (typeof loaded !== "string") {
      process.stderr.write(`policy-eval: ${loaded.error}\n`);
      exit = Math.max(exit, ExitCode.Usage);
      continue;
    }
    const result = formatPolicy(loaded, formatOptions);
    if (!result.ok) {
      process.stderr.write(`${name}: not formatted: ${result.reason}\n`);
      exit = Math.max(exit, ExitCode.Invalid);
    } else if (options.check) {
      if (result.text === loaded) continue;
      process.stdout.write(`${name}\n`);
      exit = Math.max(exit, ExitCode.Invalid);
    } else if (options.write && path !== "-") {
      if (result.text !== loaded) {
        try {
          await writeFileAtomic(path, result.text);
        } catch (error) {
          process.stderr.write(
            `policy-eval: cannot write ${path}: ${describeSystemError(error)}; it is left as it was\n`,
          );
          exit = Math.max(exit, ExitCode.Usage);
        }
      }
    } else {
      process.stdout.write(result.text);
    }
  }
  return exit;
}

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return number;
  };
}
