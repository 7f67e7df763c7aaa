import { serviceError } from "@maa-policy/parser";
import { failure, type Answer } from "./answer.js";
import type { Access } from "./routes.js";

export const ROLES = ["reader", "contributor", "none"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do: the Attestation Reader and Attestation Contributor roles of the docs. */
const GRANTS: Record<Role, readonly Access[]> = {
  reader: ["read"],
  contributor: ["read", "write", "delete"],
  none: [],
};

/** The permissions the troubleshooting guide names for each kind of call. */
const PERMISSIONS: Record<Exclude<Access, "open">, string> = {
  read: "Microsoft.Attestation/attestationProviders/attestation/read",
  write: "Microsoft.Attestation/attestationProviders/attestation/write",
  delete: "Microsoft.Attestation/attestationProviders/attestation/delete",
};

/**
 * Without roles, anyone may do anything. With them, the bearer token picks the role, and a call its
 * role does not grant gets the service's 401 `Unauthorized` (troubleshooting guide, HTTP 401).
 */
export function authorize(
  roles: ReadonlyMap<string, Role> | undefined,
  access: Access,
  authorization: string | undefined,
): Answer | undefined {
  if (!roles || access === "open") return undefined;
  const bearer = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1];
  const role = bearer === undefined ? undefined : roles.get(bearer);
  if (role && GRANTS[role].includes(access)) return undefined;
  const who =
    bearer === undefined ? "The request has no bearer token" : "The caller's role does not grant it";
  const message = `The caller is not authorized to perform this operation: it needs the permission '${PERMISSIONS[access]}'. ${who}.`;
  return failure(serviceError("Unauthorized", message, 401));
}
