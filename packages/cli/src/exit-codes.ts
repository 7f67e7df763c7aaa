/** One exit-code scheme for every command (README "Exit codes"). */
export const ExitCode = {
  Ok: 0,
  /** The policy (or token) is invalid: it has errors, or warnings under `--strict`. */
  Invalid: 1,
  /** Bad usage, or input that cannot be read or decoded. */
  Usage: 2,
  /** The policy is valid but evaluation failed or was denied. */
  Denied: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
