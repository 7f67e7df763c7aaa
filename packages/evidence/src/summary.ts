import type { Verification } from "./verify-quote.js";

/**
 * What was verified offline and what was not, one line each: what `policy-eval claims` prints on
 * stderr and the playground shows under the claims, from this one place.
 */
export function verificationSummary(verification: Verification): string[] {
  const { pckCertificates, notVerified, checkedAt, revocation, qeIdentity } = verification;
  const root = pckCertificates[pckCertificates.length - 1]?.subject ?? "";
  const qe = qeIdentity ? `, QE identity (TCB status ${qeIdentity.tcbStatus})` : "";
  const crls = qe + revocation.checked.map((issuer) => `, revocation by the CRL of '${issuer}'`).join("");
  return [
    `verified offline: PCK chain to '${root}' (valid at ${checkedAt}), QE report signature, ` +
      `attestation key binding, enclave report signature${crls}`,
    ...notVerified.map((item) => `not verified offline: ${item}`),
  ];
}
