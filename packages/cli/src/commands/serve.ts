import { collect } from "../options.js";
import { Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../io.js";
import type { ServeOptions } from "../serve/run.js";
import { runOptions } from "../run-options.js";
import type { Report } from "./index.js";

/** `policy-eval serve`: a local HTTPS attestation provider for the official clients (docs/serve.md). */
export function register(program: Command, report: Report): void {
  program
    .command("serve")
    .description("run a local HTTPS attestation provider that the Azure Attestation clients talk to")
    .option("--port <n>", "port to listen on (0 takes a free one)", "8443")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--data-dir <dir>", "where keys, the CA and policies are kept (default: a per-user folder)")
    .addOption(new Option("--mode <mode>", "provider mode").choices(["aad", "isolated"]).default("aad"))
    .option("--signer <cert.pem>", "a policy signer certificate (isolated mode); repeatable", collect, [])
    .option(
      "--role <token=role>",
      "map a bearer token to reader, contributor or none; repeatable",
      collect,
      [],
    )
    .option("--tls-cert <cert.pem>", "serve this TLS certificate instead of one from the generated CA")
    .option("--tls-key <key.pem>", "the key of --tls-cert")
    .option(
      "--root-public-key <hex>",
      "trust this P-256 root key (uncompressed point, hex) instead of Intel's",
    )
    .action(async (options: ServeArguments) => report(await runServe(options)));
}

type ServeArguments = Omit<ServeOptions, "port" | "quiet"> & { port: string };

async function runServe(options: ServeArguments): Promise<number> {
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port > 65535)
    throw new UsageError(`--port ${options.port}: expected 0 to 65535`);
  const { startServe } = await import("../serve/run.js");
  // Whatever stops the start (an unwritable data directory, a port in use) is said in one line.
  // --quiet (every command's) turns the request log off.
  const serving = await startServe({ ...options, port, quiet: runOptions.quiet }).catch((error: Error) => {
    throw error instanceof UsageError ? error : new UsageError(error.message);
  });
  for (const line of serving.banner) process.stdout.write(`${line}\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await serving.stop();
  process.stderr.write(`policy-eval serve: stopped (${signal})\n`);
  return ExitCode.Ok;
}
