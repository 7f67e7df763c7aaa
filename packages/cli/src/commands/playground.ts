import { InvalidArgumentError, type Command } from "commander";
import type { PlaygroundOptions } from "../playground-run.js";
import type { Report } from "./index.js";

/** `policy-eval playground`: the web playground, served on localhost from the built site. */
export function register(program: Command, report: Report): void {
  program
    .command("playground")
    .description("serve the web playground (write, check, evaluate and share a policy) on localhost")
    .option("-p, --port <port>", "the port on 127.0.0.1 (0: any free port)", parsePort, 8419)
    .option("--open", "open it in the default browser (where there is none, the URL is printed)")
    .action(async (options: PlaygroundOptions) => {
      const { runPlayground } = await import("../playground-run.js");
      report(await runPlayground(options));
    });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new InvalidArgumentError("a port is 0 to 65535");
  return port;
}
