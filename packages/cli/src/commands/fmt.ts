import { formatPolicy, loadGeneratedParser, type FormatOptions } from "@maa-policy/parser";
import { InvalidArgumentError, Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { writeFileAtomic } from "../atomic-write.js";
import { describeSystemError, problemLine, usageErrorLine, UsageError, writeOutput } from "../io.js";
import { readPolicyFile } from "../read-policy.js";
import { POLICY_FILES_ARGUMENT, outputOption } from "../options.js";
import { policyFiles } from "../policy-files.js";
import { unifiedDiff } from "../unified-diff.js";
import type { Report } from "./index.js";

interface FmtOptions {
  check?: boolean;
  write?: boolean;
  diff?: boolean;
  output?: string;
  indent?: number;
  lineWidth?: number;
}

export function register(program: Command, report: Report): void {
  program
    .command("fmt")
    .description(
      "format policies in the canonical layout (docs/formatting.md); comments and meaning are kept",
    )
    .argument("<files...>", POLICY_FILES_ARGUMENT)
    .addOption(
      new Option("--check", "list the files that are not formatted and exit 1 if any").conflicts("write"),
    )
    .addOption(
      new Option(
        "--diff",
        "print what formatting would change, as a unified diff, and exit 1 if anything",
      ).conflicts(["write", "check"]),
    )
    .option("--write", "rewrite the files in place ('-' prints the formatted policy)")
    .addOption(
      outputOption("write the formatted policy to a file instead of standard output").conflicts([
        "write",
        "check",
        "diff",
      ]),
    )
    .option("--indent <spaces>", "spaces per indentation level (default 4)", integer(0, 16))
    .option("--line-width <columns>", "wrap rules longer than this (default 110)", integer(1, 10_000))
    .action(async (paths: string[], options: FmtOptions) => report(await fmt(paths, options)));
}

/**
 * Without a flag one policy is printed formatted; `--write` and `--check` take any number. A policy
 * with syntax errors is reported and left as it is, since formatting broken text could change it.
 */
export async function fmt(args: readonly string[], options: FmtOptions): Promise<number> {
  // A policy with a syntax error is reported with the generated parser's message.
  await loadGeneratedParser();
  const paths = await policyFiles(args);
  if (!options.check && !options.write && !options.diff && paths.length > 1)
    throw new UsageError("fmt prints one policy; give --write, --check or --diff for several files");
  const formatOptions: FormatOptions = { indent: options.indent, maxLineWidth: options.lineWidth };
  let exit: number = ExitCode.Ok;
  for (const path of paths) {
    const name = path === "-" ? "<stdin>" : path;
    const loaded = await readPolicyFile(path);
    if (typeof loaded !== "string") {
      process.stderr.write(usageErrorLine(loaded.error));
      exit = Math.max(exit, ExitCode.Usage);
      continue;
    }
    const result = formatPolicy(loaded, formatOptions);
    if (!result.ok) {
      process.stderr.write(
        problemLine({ where: name, severity: "error", message: `not formatted: ${result.reason}` }),
      );
      exit = Math.max(exit, ExitCode.Invalid);
    } else if (options.check || options.diff) {
      if (result.text === loaded) continue;
      process.stdout.write(options.diff ? unifiedDiff(name, loaded, result.text) : `${name}\n`);
      exit = Math.max(exit, ExitCode.Invalid);
    } else if (options.write && path !== "-") {
      if (result.text !== loaded) {
        try {
          await writeFileAtomic(path, result.text);
        } catch (error) {
          const message = `cannot write: ${describeSystemError(error)}; it is left as it was`;
          process.stderr.write(problemLine({ where: path, severity: "error", message }));
          exit = Math.max(exit, ExitCode.Usage);
        }
      }
    } else if (options.output) {
      await writeOutput(options.output, result.text);
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
