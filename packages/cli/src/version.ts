/**
 * The version `--version` prints. package.json holds the fact; a bundle cannot read it from a
 * fixed place, so it is repeated here and test/conventions.test.ts checks that both agree.
 */
export const VERSION = "0.1.0";

/** The options that print it; `--version` alone loads no command (commands/index.ts). */
export const VERSION_OPTIONS: readonly string[] = ["-V", "--version"];
