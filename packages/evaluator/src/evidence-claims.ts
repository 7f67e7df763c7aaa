import { SERVICE_ISSUER, type Claim } from "@maa-policy/parser";

/**
 * Legacy names the token repeats the enclave held data under, beside `x-ms-sgx-ehd`: every
 * recorded token with binary runtime data carries them (spec §6.3).
 */
const TOKEN_ALIASES: readonly string[] = ["maa-ehd", "aas-ehd"];

/**
 * The one rule for which incoming claims reach an attestation token as they are: the service's own
 * `x-ms-*` claims and the enclave held data aliases. The `$` names of the 2018 preview are for
 * policies only, and claims a policy added or re-issued reach the token only when it issues them.
 */
export function evidenceTokenClaims(input: readonly Claim[]): Claim[] {
  return input.filter(
    (claim) =>
      claim.issuer === SERVICE_ISSUER &&
      (claim.type.startsWith("x-ms-") || TOKEN_ALIASES.includes(claim.type)),
  );
}
