/**
 * The token package's resource bounds, one constant each (docs/limits.md lists every bound of the
 * toolchain and what a user sees past it; docs/decisions.md says why each value).
 */

/**
 * Characters of a token's header segment. A header holds `alg` and an `x5c` chain of a few
 * certificates (about 1.5 kB of base64 each); past this the token is refused before anything in it
 * is decoded or verified.
 */
export const MAX_HEADER_CHARS = 64 * 1024;

/**
 * Certificates in one `x5c` chain. Real chains are one to four long; each certificate costs a
 * signature check, and 2,000 of them took 7 s to refuse.
 */
export const MAX_CHAIN_CERTIFICATES = 16;
