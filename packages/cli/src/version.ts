/**
 * The version `--version` prints. package.json holds the fact; a bundle cannot read it from a
 * fixed place, so it is repeated here and test/conventions.test.ts checks that both agree.
 */
export const VERSION = "0.1.0";
