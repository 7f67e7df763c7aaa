/**
 * How a policy fails authorization, in the service's words (spec §2.4, §8.1). The evaluator
 * reports these and the checker's `no-permit` warning quotes them: one text for both.
 */
export const DENY_MESSAGE = "Policy Engine Exception: A Deny claim was issued, authorization failed.";
export const NO_PERMIT_MESSAGE =
  "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.";

/** The message of a failed authorization: a Deny claim wins over any Permit claim. */
export function authorizationFailureMessage(reason: "deny" | "no-permit"): string {
  return reason === "deny" ? DENY_MESSAGE : NO_PERMIT_MESSAGE;
}
