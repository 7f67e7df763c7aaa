import { serviceError } from "@maa-policy/parser/model";
import { certificatesFromX5c, sameCertificate, type X509Certificate } from "./certificates.js";
import { CHAIN_IN_JWK_ACCEPTED } from "./decisions.js";
import type { JwsParts } from "./jws.js";
import { fail, ok, type Result, type TokenWarning } from "./result.js";

const at = { offset: 0, segment: "header" } as const;
const refuse = (message: string) => fail<never>(serviceError("InvalidOperation", message), at);

/**
 * RFC 7515 §4.1.11: a verifier must refuse a token whose `crit` names an extension it does not
 * understand, and a malformed `crit` (not an array, empty, or not of names). This verifier
 * understands no extension, `b64` (RFC 7797, unencoded payloads) included, so any `crit` is refused.
 */
export function checkCritical(parts: JwsParts): Result<true> {
  if (!Object.hasOwn(parts.header, "crit")) return ok(true);
  const crit = parts.header.crit;
  if (!Array.isArray(crit) || crit.length === 0 || !crit.every((name) => typeof name === "string")) {
    return refuse(
      `Malformed JWT: the header's "crit" must be a non-empty array of header parameter names (RFC 7515 §4.1.11).`,
    );
  }
  return refuse(
    `The token header marks ${JSON.stringify(crit[0])} critical ("crit"), an extension this verifier does not understand (RFC 7515 §4.1.11).`,
  );
}

/**
 * The signer's chain, leaf first: the header's `x5c`, or the `x5c` of its `jwk` (spec §8.1), with
 * a warning. Both present must agree: a verifier could otherwise be shown one chain and check another.
 */
export function headerChain(parts: JwsParts): Result<X509Certificate[]> {
  const header = parts.header;
  const jwk = header.jwk as { x5c?: unknown } | undefined;
  const inJwk = CHAIN_IN_JWK_ACCEPTED && typeof jwk === "object" && jwk !== null && "x5c" in jwk;
  if (Object.hasOwn(header, "x5c") || !inJwk) {
    const chain = certificatesFromX5c(header.x5c, "The token header");
    if (!chain.ok || !inJwk) return chain.ok ? chain : fail(chain.error, at);
    const other = certificatesFromX5c(jwk.x5c, `The token header's "jwk"`);
    if (!other.ok) return fail(other.error, at);
    const same =
      other.value.length === chain.value.length &&
      other.value.every((certificate, i) => sameCertificate(certificate, chain.value[i]));
    if (same) return chain;
    return fail(
      serviceError(
        "InvalidParameter",
        `The token header's "x5c" and "jwk" hold different certificate chains.`,
      ),
      at,
    );
  }
  const chain = certificatesFromX5c(jwk.x5c, `The token header's "jwk"`);
  if (!chain.ok) return fail(chain.error, at);
  const warning: TokenWarning = {
    code: "chain-in-jwk",
    message: `The signer's certificate chain is in the header's "jwk" member; the service accepts it there, but the SDKs send it as "x5c".`,
  };
  return ok(chain.value, [warning]);
}
