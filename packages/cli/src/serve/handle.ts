import type { IncomingMessage } from "node:http";
import { httpFailure, type Answer } from "./answer.js";
import { attest } from "./attest.js";
import { changeCertificates, getCertificates } from "./certificates.js";
import type { Call, ServeContext } from "./context.js";
import { certs, openIdMetadata } from "./metadata.js";
import { getPolicy, resetPolicy, setPolicy } from "./policies.js";
import { readBody } from "./request-body.js";
import { authorize, type Role } from "./roles.js";
import { matchRoute, type Operation } from "./routes.js";

const HANDLERS: Record<Operation, (context: ServeContext, call: Call) => Answer | Promise<Answer>> = {
  certs: (context) => certs(context),
  openid: (_context, call) => openIdMetadata(call),
  attest,
  getPolicy,
  setPolicy,
  resetPolicy,
  getCertificates,
  addCertificate: (context, call) => changeCertificates(context, call, true),
  removeCertificate: (context, call) => changeCertificates(context, call, false),
};

/** The first api-version served; every later dated version (and its previews) is taken too. */
export const FIRST_API_VERSION = "2020-10-01";

export interface Handling {
  readonly context: ServeContext;
  readonly roles: ReadonlyMap<string, Role> | undefined;
  /** `host:port` for the instance URL when a request has no usable Host header (HTTP/1.0). */
  readonly defaultHost: () => string;
}

/** Routes a request, checks its api-version, caller and body, and runs its handler. */
export async function handle(handling: Handling, request: IncomingMessage, url: URL): Promise<Answer> {
  const match = matchRoute(request.method ?? "", url.pathname);
  if (!match.ok) {
    return match.status === 404
      ? httpFailure(404, "NotFound", `No operation is served at ${url.pathname}.`)
      : httpFailure(405, "MethodNotAllowed", `${request.method} is not an operation of ${url.pathname}.`);
  }
  const { route, prefix, type } = match;
  if (route.apiVersion) {
    const version = url.searchParams.get("api-version");
    if (version === null)
      return httpFailure(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required.",
      );
    const date = /^(\d{4}-\d{2}-\d{2})(-preview)?$/.exec(version)?.[1];
    if (date === undefined || date < FIRST_API_VERSION)
      return httpFailure(
        400,
        "InvalidApiVersionParameter",
        `The api-version '${version}' is not supported: use ${FIRST_API_VERSION} or later.`,
      );
  }
  const refused = authorize(handling.roles, route.access, request.headers.authorization);
  if (refused) return refused;
  const body = await readBody(request, route);
  if (!body.ok) return body.answer;
  const call: Call = {
    prefix,
    issuer: `https://${host(request, handling.defaultHost())}${prefix}`,
    type,
    ...body,
  };
  return HANDLERS[route.operation](handling.context, call);
}

/** The Host the client used, so that `iss` is the URL it was given (sdk-wire §4 item 6). */
function host(request: IncomingMessage, fallback: string): string {
  const given = request.headers.host;
  return given !== undefined && given.length <= 255 && /^[A-Za-z0-9.\-[\]:]+$/.test(given) ? given : fallback;
}
