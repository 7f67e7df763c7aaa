import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { httpFailure, type Answer } from "./answer.js";
import { handle, type Handling } from "./handle.js";
import type { Tls } from "./key-files.js";

export interface Listening {
  readonly server: Server;
  readonly port: number;
}

/**
 * The HTTPS server: node:https, since the REST API is nine routes whose bodies a framework's
 * parsers would refuse (docs/decisions.md). Every request gets an answer: a handler that throws
 * is a logged 500, never a crash; slow or stalled clients are cut off by the timeouts.
 */
export async function listen(
  handling: Handling,
  tls: Tls,
  host: string,
  port: number,
  log: ((line: string) => void) | undefined,
): Promise<Listening> {
  const server = createServer(
    { cert: tls.cert, key: tls.key, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    (request, response) => void respond(handling, request, response, log),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function respond(
  handling: Handling,
  request: IncomingMessage,
  response: ServerResponse,
  log: ((line: string) => void) | undefined,
): Promise<void> {
  const started = performance.now();
  let url = new URL("https://localhost/");
  let answer: Answer;
  try {
    url = new URL(request.url ?? "/", url);
    answer = await handle(handling, request, url);
  } catch (error) {
    answer = unexpected(error, log);
  }
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-ms-request-id": randomUUID(),
    ...(answer.close && { connection: "close" }),
  });
  response.end(body);
  const ms = (performance.now() - started).toFixed(1);
  log?.(`${request.method} ${url.pathname} ${answer.status} ${ms}ms ${answer.code ?? "-"}`);
}

/** A request target that is not a path is the client's fault (400); anything else is a bug (500). */
function unexpected(error: unknown, log: ((line: string) => void) | undefined): Answer {
  if ((error as { code?: string }).code === "ERR_INVALID_URL")
    return httpFailure(400, "BadRequest", "The request target is not a URL path.");
  log?.(`internal error: ${(error as Error).stack ?? String(error)}`);
  return httpFailure(500, "InternalError", "policy-eval serve failed to answer this request; see its log.");
}
