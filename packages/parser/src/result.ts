/**
 * The one shape of an outcome that can fail: `ok` tells the two apart, and each side keeps the
 * fields its callers read (`{ ok: true, value }`, `{ ok: false, error }` or richer), so a result
 * is narrowed with `if (!result.ok)` everywhere. Type-only: it costs no module at run time.
 */
export type Result<Success extends object, Failure extends object> =
  ({ readonly ok: true } & Success) | ({ readonly ok: false } & Failure);
