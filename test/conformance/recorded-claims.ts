import { isDeepStrictEqual } from "node:util";
import { expect } from "vitest";

/**
 * Claims of the recorded tokens that ours cannot carry, each with its reason: every other claim of
 * a recorded token must be in ours with the same value.
 */
export const NOT_REPRODUCED: Readonly<Record<string, string>> = {
  jti: "a unique id the service draws for each token (ours: 64 hex digits too)",
  "x-ms-sgx-collateral": "hashes of Intel's collateral (TCB info, QE identity, CRLs), not fetched offline",
  "maa-attestationcollateral": "the deprecated copy of x-ms-sgx-collateral",
};

/** What differs in a token issued now by a local provider: its own time and its own URL. */
export const ISSUED_ELSEWHERE: Readonly<Record<string, string>> = {
  iss: "the provider's URL",
  iat: "issued now",
  nbf: "issued now",
  exp: "issued now (the lifetime, exp - iat, is compared)",
};

/** Claims of ours that the 2021 recordings lack: the 2022 service adds them (the cpp recording has both). */
const ADDED_SINCE_2021: Readonly<Record<string, string>> = {
  "x-ms-policy": "the issued claims, grouped (2022+)",
  "x-ms-sgx-tcbidentifier": "the TCB baseline the configurationrules chose (2022+)",
};

/**
 * Every claim of `recorded` is in `ours` with the same value, except the named ones (`also` for a
 * token issued elsewhere), and ours has nothing the recording lacks but what the 2022 service added.
 */
export function expectRecordedClaims(
  ours: Record<string, unknown>,
  recorded: Record<string, unknown>,
  also: Readonly<Record<string, string>> = {},
): void {
  const differing = Object.keys(recorded).filter((key) => !isDeepStrictEqual(ours[key], recorded[key]));
  expect(differing.sort()).toEqual(Object.keys({ ...NOT_REPRODUCED, ...also }).sort());
  expect(ours.jti).toMatch(/^[0-9a-f]{64}$/);
  expect(["x-ms-sgx-collateral", "maa-attestationcollateral"].filter((key) => key in ours)).toEqual([]);
  const extra = Object.keys(ours).filter((key) => !(key in recorded));
  expect(extra.filter((key) => !(key in ADDED_SINCE_2021))).toEqual([]);
  const lifetime = (claims: Record<string, unknown>) => (claims.exp as number) - (claims.iat as number);
  expect(lifetime(ours)).toBe(lifetime(recorded));
}
