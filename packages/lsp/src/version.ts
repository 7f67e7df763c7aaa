/**
 * The version `--version` and `serverInfo` report. package.json holds the fact; the server is
 * also bundled into the VS Code extension, where no package.json of its own is beside it, so it
 * is repeated here and test/command-line.test.ts checks that both agree.
 */
export const VERSION = "0.1.0";
