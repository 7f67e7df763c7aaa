/** Program-wide options, set by `main` before a command runs (docs/cli.md, "Every command"). */
export const runOptions = {
  /** `-q, --quiet`: print what failed and the command's product, no summaries, notes or warnings. */
  quiet: false,
};
