import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import { AttestationAdministrationClient, AttestationClient } from "@azure/attestation";
import { startServe, type ServeOptions, type Serving } from "../../src/serve/run.js";

/** A running provider on a free loopback port, with its own data directory. */
export interface Provider {
  readonly endpoint: string;
  readonly ca: string;
  readonly dataDir: string;
  readonly serving: Serving;
  /** An AttestationClient trusting the provider's CA, with no retries (errors are 4xx anyway). */
  client(path?: string): AttestationClient;
  admin(token?: string, path?: string): AttestationAdministrationClient;
  /** Stops the server; `keep` leaves the data directory for a restart. */
  stop(keep?: boolean): Promise<void>;
}

/** A bearer token source for the admin client: any object with getToken passes (sdk-wire §2.3). */
export const credential = (token: string): TokenCredential => ({
  getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

export async function startProvider(
  options: Partial<ServeOptions> = {},
  dataDir?: string,
): Promise<Provider> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "policy-eval-serve-"));
  const serving = await startServe({
    port: 0,
    host: "127.0.0.1",
    mode: "aad",
    signer: [],
    role: [],
    quiet: true,
    ...options,
    dataDir: dir,
  });
  const endpoint = `https://localhost:${serving.port}`;
  const ca = readFileSync(join(dir, "tls", "ca.pem"), "utf8");
  // tlsOptions.ca trusts the generated CA for this client only (sdk-wire §1.2).
  const clientOptions = { tlsOptions: { ca }, retryOptions: { maxRetries: 0 } };
  return {
    endpoint,
    ca,
    dataDir: dir,
    serving,
    client: (path = "") => new AttestationClient(endpoint + path, clientOptions),
    admin: (token = "any", path = "") =>
      new AttestationAdministrationClient(endpoint + path, credential(token), clientOptions),
    stop: async (keep = false) => {
      await serving.stop();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** A request over HTTPS without any client library: for what the official client never sends. */
export function raw(
  provider: Pick<Provider, "endpoint" | "ca">,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      `${provider.endpoint}${path}`,
      { method, ca: provider.ca, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers["content-type"],
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The claims of a compact JWS, unverified (the client verified it). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

/** What the official client throws: the RestError's status, code and message. */
export async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { statusCode, code, message } = error as { statusCode?: number; code?: string; message?: string };
    return { statusCode, code, message };
  }
  throw new Error("the call succeeded");
}
