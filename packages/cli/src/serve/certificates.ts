import { serviceError } from "@maa-policy/parser";
import {
  certificateJwk,
  certificatesFromX5c,
  decodePolicyCertificateToken,
  verifyJws,
} from "@maa-policy/tokens";
import { failure, invalidParameter, success, type Answer } from "./answer.js";
import type { Call, ServeContext } from "./context.js";
import { trust } from "./policies.js";
import { managementToken } from "./service-tokens.js";

const base64 = (der: ArrayBuffer) => Buffer.from(der).toString("base64");

/** GET /certificates: the policy management certificates as a JWKS (spec §4.3). */
export async function getCertificates(context: ServeContext, call: Call): Promise<Answer> {
  const keys = context.instances.get(call.prefix).certificates.map(certificateJwk);
  const claims = { "x-ms-policy-certificates": { keys } };
  return success({ token: await managementToken(claims, call.issuer, context.signing) });
}

/**
 * POST /certificates:add and :remove (Isolated mode): a token signed by a registered signer names
 * the certificate. The 1.0.0 client sends it as a JSON string; the 2025 REST spec wraps it in an
 * object (spec §4.3), which is taken too.
 */
export async function changeCertificates(context: ServeContext, call: Call, add: boolean): Promise<Answer> {
  if (context.mode !== "isolated")
    return failure(
      serviceError(
        "InvalidOperation",
        "Policy management certificates can only be changed on an Isolated-mode provider.",
      ),
    );
  const body = call.json;
  const member = add ? "policyCertificateToAdd" : "policyCertificateToRemove";
  const token = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[member] : body;
  if (typeof token !== "string")
    return invalidParameter(
      `The body must be the signed certificate token as a JSON string (or {"${member}": token}).`,
    );
  const outcome = await context.instances.update(call.prefix, async (state) => {
    const decoded = await decodePolicyCertificateToken(token);
    if (!decoded.ok) return decoded;
    const verified = await verifyJws(decoded.value.parts, trust(context, state));
    if (!verified.ok) return verified;
    const named = certificatesFromX5c(decoded.value.jwk.x5c, `The "${decoded.value.claim}" key`);
    if (!named.ok) return named;
    const der = base64(named.value[0].rawData);
    const others = state.certificates.filter((certificate) => base64(certificate.rawData) !== der);
    const certificates = add ? [...others, named.value[0]] : others;
    const result = {
      "x-ms-certificate-thumbprint": decoded.value.certificate.thumbprint,
      "x-ms-policycertificates-result": add ? "IsPresent" : "IsAbsent",
    };
    return { ok: true, state: { ...state, certificates, certificatesChanged: true }, result };
  });
  if (!outcome.ok) return failure(outcome.error);
  return success({ token: await managementToken(outcome.result, call.issuer, context.signing) });
}
