/**
 * The token choices the spec leaves open (docs/decisions.md, "Policy tokens"). Each is one
 * constant so a recording that settles it changes one line.
 */

/** Algorithms we sign with and accept: the docs name RS256, the JS SDK also emits ES256. */
export const SIGNING_ALGORITHMS = ["RS256", "ES256"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * Non-JOSE names seen in the docs (the signed example says `RSA256`), with the algorithm they
 * mean. Decoding reads them as that algorithm with a warning, so the docs' example still yields
 * its policy; verification refuses them with an error that names the right one (the issue's rule).
 */
export const ALGORITHM_ALIASES: Readonly<Record<string, SigningAlgorithm>> = { RSA256: "RS256" };

/** The policy claim of the GA format, and older names accepted with a warning (spec §4.1). */
export const POLICY_CLAIM = "AttestationPolicy";
export const LEGACY_POLICY_CLAIMS: readonly string[] = ["text"];

/** The signer claim the SDKs send, and the names older docs and examples use (spec §4.3). */
export const SIGNER_CLAIM = "policyCertificate";
export const LEGACY_SIGNER_CLAIMS: readonly string[] = [
  "maa-policyCertificate",
  "aas-policyCertificate",
  "x-ms-policyCertificate",
];

/**
 * Expired or not-yet-valid certificates in `x5c` fail verification (`InvalidParameter`): the
 * service's rule is unrecorded, and accepting them would accept what a chain builder refuses.
 * `false` makes them warnings.
 */
export const CERTIFICATE_VALIDITY_IS_ERROR = true;
