import { InvalidArgumentError, Option } from "commander";

/**
 * Options that several commands share, defined once so that a flag means one thing everywhere
 * (docs/cli.md, "Every command").
 */

/** The `<files...>` of `check` and `fmt` (policy-files.ts). */
export const POLICY_FILES_ARGUMENT =
  "policy files, directories (every *.policy and *.maapolicy below) or quoted globs; '-' reads standard input";

/** `-o, --output <file>`: wherever a command writes a file, it is this option. */
export const outputOption = (description: string) => new Option("-o, --output <file>", description);

/**
 * `--now` and `--at` take the same forms: seconds since the epoch, or an ISO 8601 date or time.
 * A commander argument parser, so a bad value is a usage error naming the option.
 */
export function parseTime(text: string): Date {
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : isoLike(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms))
    throw new InvalidArgumentError(`'${text}' is neither seconds since the epoch nor an ISO 8601 date`);
  return new Date(ms);
}

/** Date.parse also reads forms like "March 7"; only ISO 8601 (a date, then maybe a time) is taken. */
const isoLike = (text: string) =>
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text);

/** Collects a repeatable option (`--signer a.pem --signer b.pem`) in the order given. */
export const collect = (value: string, previous: readonly string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];
