import { readFile } from "node:fs/promises";
import { certificatesFromPem, type X509Certificate } from "@maa-policy/tokens";
import { describeReadError, UsageError } from "../io.js";
import { parseRootPublicKey } from "../root-public-key.js";
import type { Mode, ServeContext } from "./context.js";
import { defaultDataDir } from "./data-dir.js";
import { generatedTls, signingIdentity, type Tls } from "./key-files.js";
import { restoreInstances } from "./restore.js";
import { ROLES, type Role } from "./roles.js";
import { listen } from "./server.js";

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir?: string;
  readonly mode: Mode;
  /** PEM files of the provider's policy signer certificates (Isolated mode). */
  readonly signer: readonly string[];
  /** `TOKEN=reader|contributor|none`. */
  readonly role: readonly string[];
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly rootPublicKey?: string;
  readonly quiet: boolean;
}

export interface Serving {
  readonly port: number;
  /** The start-up lines: data directory, URL, CA file to trust, mode, roles. */
  readonly banner: readonly string[];
  stop(): Promise<void>;
}

const read = (file: string) =>
  readFile(file, "utf8").catch((error: unknown) => {
    throw new UsageError(describeReadError(file, error));
  });

/** Starts a provider; bad options and unreadable files are UsageErrors (exit 2), as in every command. */
export async function startServe(options: ServeOptions): Promise<Serving> {
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined))
    throw new UsageError("--tls-cert and --tls-key go together");
  if (options.mode === "isolated" && options.signer.length === 0)
    throw new UsageError("--mode isolated needs at least one --signer certificate");
  const roles = options.role.length === 0 ? undefined : new Map(options.role.map(parseRole));
  const signers: X509Certificate[] = [];
  for (const file of options.signer) {
    const certificates = certificatesFromPem(await read(file), file);
    if (!certificates.ok) throw new UsageError(certificates.error.message);
    signers.push(certificates.value[0]);
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  const instances = await restoreInstances(dataDir, signers).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const tls: Tls =
    options.tlsCert !== undefined && options.tlsKey !== undefined
      ? {
          cert: await read(options.tlsCert),
          key: await read(options.tlsKey),
          trust: `the CA that issued ${options.tlsCert}`,
        }
      : await generatedTls(dataDir);
  const context: ServeContext = {
    instances,
    signing: await signingIdentity(dataDir),
    mode: options.mode,
    rootPublicKey:
      options.rootPublicKey === undefined ? undefined : parseRootPublicKey(options.rootPublicKey),
  };
  const log = options.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  let port = options.port; // the port taken, once listening (--port 0)
  const defaultHost = () => `localhost:${port}`;
  const listening = await listen({ context, roles, defaultHost }, tls, options.host, options.port, log).catch(
    (error: Error) => {
      throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${error.message}`);
    },
  );
  port = listening.port;
  const banner = [
    `data directory: ${dataDir}${options.dataDir === undefined ? " (the per-user default; --data-dir to change)" : ""}`,
    `listening on https://localhost:${listening.port}`,
    `clients must trust ${tls.trust}`,
    options.mode === "isolated"
      ? `mode isolated: policies and signer changes must be signed by one of ${signers.length} --signer certificate(s)`
      : "mode aad: unsigned and signed policies are taken",
    roles
      ? `roles: ${[...roles].map(([, role]) => role).join(", ")} (by bearer token)`
      : "no --role given: any caller may do anything",
  ];
  return {
    port: listening.port,
    banner,
    stop: () =>
      new Promise<void>((resolve) => {
        listening.server.close(() => resolve());
        listening.server.closeAllConnections();
      }),
  };
}

function parseRole(spec: string): [string, Role] {
  const at = spec.lastIndexOf("=");
  const token = spec.slice(0, at);
  const role = spec.slice(at + 1);
  if (at <= 0 || !(ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role ${spec}: expected TOKEN=${ROLES.join("|")}`);
  return [token, role as Role];
}
