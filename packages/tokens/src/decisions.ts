/**
 * The token choices the spec leaves open (docs/decisions.md, "Policy tokens"). Each is one
 * constant so a recording that settles it changes one line.
 */

/** Algorithms we sign with and accept: the docs name RS256, the JS SDK also emits ES256. */
export const SIGNING_ALGORITHMS = ["RS256", "ES256"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * Non-JOSE names with the algorithm they mean. The docs' signed example says `RSA256`, and the
 * service accepted a token so signed (200 `Updated`, signer reported as RS256; spec §8.1): decoding
 * and verification read it as RS256, with a warning that suggests the JOSE name.
 */
export const ALGORITHM_ALIASES: Readonly<Record<string, SigningAlgorithm>> = { RSA256: "RS256" };

/**
 * Where a signed token's header may carry the signer's chain: `x5c`, as the SDKs send it, or the
 * `x5c` of a `jwk` member, which the service also accepted (spec §8.1), with a warning. A header
 * with both must hold the same chain in each.
 */
export const CHAIN_IN_JWK_ACCEPTED = true;

/**
 * Extended key usages (RFC 5280 §4.2.1.12) that let a certificate sign policies, when the
 * extension is present anywhere in the chain: any purpose, code signing, or document signing
 * (RFC 9336). A TLS server certificate (serverAuth alone) is refused, as a chain builder asked for
 * a signing purpose refuses it.
 */
export const SIGNER_EXTENDED_KEY_USAGES: readonly string[] = [
  "2.5.29.37.0",
  "1.3.6.1.5.5.7.3.3",
  "1.3.6.1.5.5.7.3.36",
];

/**
 * Critical extensions the chain check understands (RFC 5280 §4.2: any other critical extension
 * makes a certificate unusable): basic constraints, key usage and extended key usage, which it
 * enforces, and the subject alternative name and key identifiers, which constrain nothing a
 * signature check depends on. Name and policy constraints are not processed, so they are refused
 * when critical.
 */
export const UNDERSTOOD_CRITICAL_EXTENSIONS: readonly string[] = [
  "2.5.29.19",
  "2.5.29.15",
  "2.5.29.37",
  "2.5.29.17",
  "2.5.29.14",
  "2.5.29.35",
];

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
