/**
 * Hover and completion prose for the language's keywords, in the core so that every editor and
 * tool explains the language in the same words (spec §1.4, §2.1, §2.3, §2.4). The
 * facts (where an action may go, which version brought what) come from the core's tables.
 */
import type { ActionName, SectionName } from "./ast.js";

export const SECTION_TEXT: Record<SectionName, string> = {
  configurationrules: "Rules that set engine properties with `issueproperty`; they run first (version 1.1+).",
  authorizationrules:
    "Rules that decide whether attestation continues: it fails unless some rule calls `permit()`, and any `deny()` fails it.",
  issuancerules:
    "Rules that add claims to the outgoing claim set and the token; they cannot fail attestation.",
};

export const ACTION_TEXT: Record<ActionName, string> = {
  permit: "Issues the internal Permit claim: attestation may continue.",
  deny: "Issues the internal Deny claim: attestation fails, whatever else permits it.",
  add: "Adds a claim to the incoming claim set, for later rules; it does not reach the token.",
  issue: "Adds a claim to the incoming set and to the outgoing claims (the token).",
  issueproperty: "Sets an engine property claim (`omit_x5c`, `x-ms-sgx-tcbidentifier`, …).",
};

export const PROPERTY_TEXT: Record<string, string> = {
  type: "The claim's name.",
  value: "The claim's value: String, Integer or Boolean (a Set of them in 1.2).",
  valueType: 'The value\'s type: "String", "Integer" or "Boolean".',
  issuer: 'Who issued the claim: "AttestationService", "AttestationPolicy" or "CustomClaim".',
  claim: "`claim=c`: the claims an identifier bound, with their own type and value.",
};

export const ISSUER_TEXT: Record<string, string> = {
  AttestationService: "Claims parsed from the evidence by the service.",
  AttestationPolicy: "Claims that policy rules added or issued.",
  CustomClaim: "Claims the attester supplied.",
};

export const ACTION_SNIPPETS: Record<ActionName, string> = {
  permit: "permit()",
  deny: "deny()",
  add: 'add(type="$1", value=$2)',
  issue: 'issue(type="$1", value=$2)',
  issueproperty: 'issueproperty(type="$1", value=$2)',
};
