import type { Result } from "@maa-policy/parser";
/** What each call of the REST API (spec §5.1) needs: its handler, its access and its body. */
export type Operation =
  | "certs"
  | "openid"
  | "attest"
  | "getPolicy"
  | "setPolicy"
  | "resetPolicy"
  | "getCertificates"
  | "addCertificate"
  | "removeCertificate";

/** `open` calls need no token, as on the service; the others need the role's permission. */
export type Access = "open" | "read" | "write" | "delete";

export interface Route {
  readonly method: "GET" | "PUT" | "POST";
  /** The path after the instance's prefix; a group captures the attestation type. */
  readonly path: RegExp;
  readonly operation: Operation;
  readonly access: Access;
  /** What the body must be: JSON, the raw text of a JWS (`text/plain`), or nothing. */
  readonly body: "json" | "text" | "none";
  /** `/certs` and the OpenID metadata carry no `api-version` (spec §2.1). */
  readonly apiVersion: boolean;
}

const TYPE = "([A-Za-z0-9]+)";

export const ROUTES: readonly Route[] = [
  { method: "GET", path: /^\/certs$/, operation: "certs", access: "open", body: "none", apiVersion: false },
  {
    method: "GET",
    path: /^\/\.well-known\/openid-configuration$/,
    operation: "openid",
    access: "open",
    body: "none",
    apiVersion: false,
  },
  {
    method: "POST",
    path: new RegExp(`^/attest/${TYPE}$`),
    operation: "attest",
    access: "open",
    body: "json",
    apiVersion: true,
  },
  {
    method: "GET",
    path: new RegExp(`^/policies/${TYPE}$`),
    operation: "getPolicy",
    access: "read",
    body: "none",
    apiVersion: true,
  },
  {
    method: "PUT",
    path: new RegExp(`^/policies/${TYPE}$`),
    operation: "setPolicy",
    access: "write",
    body: "text",
    apiVersion: true,
  },
  {
    method: "POST",
    path: new RegExp(`^/policies/${TYPE}:reset$`),
    operation: "resetPolicy",
    access: "delete",
    body: "text",
    apiVersion: true,
  },
  {
    method: "GET",
    path: /^\/certificates$/,
    operation: "getCertificates",
    access: "read",
    body: "none",
    apiVersion: true,
  },
  {
    method: "POST",
    path: /^\/certificates:add$/,
    operation: "addCertificate",
    access: "write",
    body: "json",
    apiVersion: true,
  },
  {
    method: "POST",
    path: /^\/certificates:remove$/,
    operation: "removeCertificate",
    access: "delete",
    body: "json",
    apiVersion: true,
  },
];

/** An instance lives under a path prefix of plain segments (spec §2.1: the client keeps it). */
const PREFIX = /^(?:\/[A-Za-z0-9._~-]+)*$/;
/**
 * The longest prefix, counted as its file name spells it (each `/` is `%2F`): with `.json` and the
 * temporary suffix of a durable write it stays under the 255 bytes a file name may have.
 */
const MAX_PREFIX_LENGTH = 200;

export type Match = Result<
  { readonly route: Route; readonly prefix: string; readonly type: string | undefined },
  { readonly status: 404 | 405 }
>;

/**
 * Finds the route for a path, trying each split of it into an instance prefix and a route path,
 * shortest prefix first (so `/tenantA/policies/X` is instance `/tenantA`). A known path with another
 * method is 405; anything else 404.
 */
export function matchRoute(method: string, pathname: string): Match {
  let known = false;
  for (let split = 0; split >= 0 && split <= MAX_PREFIX_LENGTH; split = pathname.indexOf("/", split + 1)) {
    const prefix = pathname.slice(0, split);
    if (!PREFIX.test(prefix) || encodeURIComponent(prefix).length > MAX_PREFIX_LENGTH) continue;
    const rest = pathname.slice(split);
    for (const route of ROUTES) {
      const found = route.path.exec(rest);
      if (!found) continue;
      if (route.method === method) return { ok: true, route, prefix, type: found[1] };
      known = true;
    }
  }
  return { ok: false, status: known ? 405 : 404 };
}
