import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ExitCode } from "./exit-codes.js";
import { UsageError } from "./io.js";
import { serveStatic } from "./static-server.js";

export interface PlaygroundOptions {
  port: number;
  open?: boolean;
}

/**
 * Serves the built playground until interrupted. The site is the playground package's build
 * (`npm run build`); it also works opened straight from disk, so this is a convenience.
 */
export async function runPlayground(options: PlaygroundOptions): Promise<number> {
  const root = siteRoot();
  if (!existsSync(`${root}/index.html`))
    throw new UsageError(`the playground is not built (${root}): run npm run build`);
  const server = await serveStatic(root, options.port).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot listen on 127.0.0.1:${options.port}: ${error.code ?? error.message}`);
  });
  // Listen for the signals before saying where it is: whoever reads the URL may stop it at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop).off("SIGTERM", stop);
      void server.close().then(resolve);
    };
    process.on("SIGINT", stop).on("SIGTERM", stop);
  });
  process.stdout.write(`MAA policy playground: ${server.url}\n(Ctrl-C stops it)\n`);
  if (options.open) openBrowser(server.url);
  await stopped;
  return ExitCode.Ok;
}

function siteRoot(): string {
  return fileURLToPath(new URL(".", import.meta.resolve("@maa-policy/playground/site")));
}

/**
 * The platform's opener, detached. A machine without a desktop has none, or one that fails: that is
 * not an error, the URL is printed either way.
 */
function openBrowser(url: string): void {
  const [command, ...args] =
    process.platform === "darwin"
      ? ["open", url]
      : process.platform === "win32"
        ? ["cmd", "/c", "start", "", url]
        : ["xdg-open", url];
  const say = () => process.stdout.write(`No browser could be opened here: open ${url} yourself.\n`);
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", say);
    child.on("exit", (code) => code !== 0 && say());
    child.unref();
  } catch {
    say();
  }
}
