import type { Result as Outcome, ServiceError } from "@maa-policy/parser/model";

/** A non-fatal finding about an input the service (or an older service) would still accept. */
export interface TokenWarning {
  /** Stable identifier, listed in docs/tokens.md. */
  readonly code: string;
  readonly message: string;
}

/** Where in the token text a problem is: a 0-based UTF-16 offset and the segment it falls in. */
export interface TokenLocation {
  readonly offset: number;
  readonly segment: "header" | "payload" | "signature";
}

/** Every token operation returns a value; nothing throws out of the public API. */
export type Result<T> = Outcome<
  { readonly value: T; readonly warnings: readonly TokenWarning[] },
  {
    readonly error: ServiceError;
    readonly location?: TokenLocation;
    readonly warnings: readonly TokenWarning[];
  }
>;

export function ok<T>(value: T, warnings: readonly TokenWarning[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(
  error: ServiceError,
  location?: TokenLocation,
  warnings: readonly TokenWarning[] = [],
): Result<T> {
  return location ? { ok: false, error, location, warnings } : { ok: false, error, warnings };
}
