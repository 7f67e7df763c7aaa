/** The grammar's keywords (grammar/MaaPolicy.g4): an identifier cannot be renamed to one. */
export const MAA_KEYWORDS: ReadonlySet<string> = new Set([
  "version",
  "configurationrules",
  "authorizationrules",
  "issuancerules",
  "permit",
  "deny",
  "add",
  "issue",
  "issueproperty",
  "true",
  "false",
]);
