import { homedir } from "node:os";
import { join } from "node:path";

/** Where serve keeps its keys and instances when no --data-dir is given: a per-user data folder. */
export function defaultDataDir(): string {
  const base =
    process.platform === "win32"
      ? (process.env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"))
      : (process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"));
  return join(base, "policy-eval", "serve");
}
