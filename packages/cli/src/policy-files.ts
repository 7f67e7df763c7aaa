import { statSync, type Stats } from "node:fs";
import { isAbsolute, join } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { UsageError } from "./io.js";

/** What `check` and `fmt` take from a directory: the extensions the VS Code extension claims too. */
export const POLICY_EXTENSIONS = [".policy", ".maapolicy"] as const;

/** Never searched: installed packages and version-control folders. */
const IGNORED = ["**/node_modules/**", "**/.git/**"];

/**
 * The policy files that `check` and `fmt` arguments name: `-` and files as given, every policy
 * below a directory, and the files a glob matches (quoted, so the shell did not expand it). Each
 * argument's files are sorted; a file named twice is taken once. A directory or glob that yields
 * nothing is a usage error, not "no problems".
 */
export async function policyFiles(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    // Synchronous: `check` is given a thousand files at once, and an await each cost more than the stat.
    const info = arg === "-" ? undefined : statOrUndefined(arg);
    if (info?.isDirectory()) {
      const patterns = POLICY_EXTENSIONS.map((extension) => `**/*${extension}`);
      const found = await glob(patterns, { cwd: arg, ignore: IGNORED });
      if (found.length === 0)
        throw new UsageError(
          `no policy files (${POLICY_EXTENSIONS.map((e) => `*${e}`).join(", ")}) below it`,
          arg,
        );
      files.push(...found.sort().map((file) => join(arg, file)));
    } else if (!info && arg !== "-" && isDynamicPattern(arg)) {
      // Results keep the argument's form: relative to the working directory, or absolute.
      const found = await glob(arg, { ignore: IGNORED, absolute: isAbsolute(arg) });
      if (found.length === 0) throw new UsageError("the pattern matches no file", arg);
      files.push(...found.sort());
    } else {
      files.push(arg);
    }
  }
  return [...new Set(files)];
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
