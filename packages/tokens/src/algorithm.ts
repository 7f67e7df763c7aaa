import { serviceError } from "@maa-policy/parser/model";
import { ALGORITHM_ALIASES, SIGNING_ALGORITHMS, type SigningAlgorithm } from "./decisions.js";
import type { JwsParts } from "./jws.js";
import { fail, ok, type Result, type TokenWarning } from "./result.js";

export type TokenAlgorithm = "none" | SigningAlgorithm;

/**
 * The header's `alg` against the allow-list (none, RS256, ES256), checked against the signature
 * segment. An alias (`RSA256`) is read as the algorithm it names, with a warning.
 */
export function checkAlgorithm(parts: JwsParts): Result<TokenAlgorithm> {
  const declared = parts.header.alg;
  const header = { offset: 0, segment: "header" } as const;
  const signature = { offset: parts.signatureStart, segment: "signature" } as const;
  if (typeof declared !== "string") {
    return fail(serviceError("InvalidOperation", `Malformed JWT: the header has no "alg" string.`), header);
  }
  if (declared === "none") {
    if (parts.signature.length === 0) return ok("none");
    return fail(
      serviceError(
        "InvalidOperation",
        `Malformed JWT: an unsecured token ("alg":"none") must have an empty signature.`,
      ),
      signature,
    );
  }
  const known = ["none", ...SIGNING_ALGORITHMS].join(", ");
  const warnings: TokenWarning[] = [];
  let algorithm = SIGNING_ALGORITHMS.find((name) => name === declared);
  const alias = Object.hasOwn(ALGORITHM_ALIASES, declared) ? ALGORITHM_ALIASES[declared] : undefined;
  if (!algorithm && alias) {
    algorithm = alias;
    warnings.push({
      code: "nonstandard-algorithm",
      message: `"${declared}" is not a JOSE algorithm name; it is read as "${alias}", as the service reads it. Use "${alias}".`,
    });
  }
  if (!algorithm) {
    return fail(
      serviceError("InvalidOperation", `Unsupported JWS algorithm "${declared}": use one of ${known}.`),
      header,
    );
  }
  if (parts.signature.length === 0) {
    return fail(
      serviceError(
        "InvalidOperation",
        `Malformed JWT: a token signed with "${declared}" has an empty signature.`,
      ),
      signature,
      warnings,
    );
  }
  return ok(algorithm, warnings);
}
