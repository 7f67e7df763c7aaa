/** Facts of the language that the checker, evaluator and language server share (spec §1.4–1.5, §2.7). */
import type { ActionName } from "./ast.js";

export const SUPPORTED_VERSIONS = ["1.0", "1.1", "1.2"] as const;
export type PolicyVersion = (typeof SUPPORTED_VERSIONS)[number];

export function isSupportedVersion(text: string): text is PolicyVersion {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(text);
}

/**
 * The section table: every section, in the only order any public policy uses, with the version
 * that introduced it. The section names (the AST's type, the keywords), their order (checker,
 * evaluator) and their version gates (checker, completion) are all read from here; which actions
 * each section takes is `ACTION_PLACEMENT`, and how each is described is `SECTION_TEXT`.
 */
export const SECTIONS = [
  { name: "configurationrules", since: "1.1" },
  { name: "authorizationrules", since: "1.0" },
  { name: "issuancerules", since: "1.0" },
] as const satisfies readonly { name: string; since: PolicyVersion }[];

export type SectionName = (typeof SECTIONS)[number]["name"];

export const SECTION_ORDER: readonly SectionName[] = SECTIONS.map((section) => section.name);

export const SECTION_SINCE = Object.fromEntries(
  SECTIONS.map((section) => [section.name, section.since]),
) as Readonly<Record<SectionName, PolicyVersion>>;

/**
 * Where each action may appear. `allowed` is what the docs' action table says (plus issueproperty in
 * configurationrules, which the 1.1 docs show); `tolerated` is what a published sample does despite
 * the table, so it is a warning, not an error (issue in authorizationrules, corpus 25).
 */
export const ACTION_PLACEMENT: Record<ActionName, { allowed: SectionName[]; tolerated: SectionName[] }> = {
  permit: { allowed: ["authorizationrules"], tolerated: [] },
  deny: { allowed: ["authorizationrules"], tolerated: [] },
  add: { allowed: ["authorizationrules", "issuancerules"], tolerated: [] },
  issue: { allowed: ["issuancerules"], tolerated: ["authorizationrules"] },
  issueproperty: { allowed: ["configurationrules", "issuancerules"], tolerated: [] },
};

/** The grammar's keywords (grammar/MaaPolicy.g4), lower case and case-sensitive. */
export const KEYWORDS: readonly string[] = [
  "version",
  ...SECTION_ORDER,
  ...(Object.keys(ACTION_PLACEMENT) as ActionName[]),
  "true",
  "false",
];

export const CLAIM_PROPERTIES = ["type", "value", "valueType", "issuer"] as const;
export type ClaimProperty = (typeof CLAIM_PROPERTIES)[number];

/** Named arguments of add/issue/issueproperty: a claim's properties, or `claim=<identifier>`. */
export const ACTION_ARGUMENTS = [...CLAIM_PROPERTIES, "claim"] as const;

export const VALUE_TYPES = ["String", "Integer", "Boolean"] as const;

/** Engine properties set with issueproperty, with their documented types and defaults (§2.7). */
export const ENGINE_PROPERTIES: Record<
  string,
  {
    type: "String" | "Integer" | "Boolean";
    section: "configurationrules" | "issuancerules";
    default: string | number | boolean | undefined;
    description: string;
  }
> = {
  "x-ms-sgx-tcbidentifier": {
    type: "String",
    section: "configurationrules",
    default: "azuredefault",
    description: "SGX TCB baseline to enforce: `azuredefault` or a TCB identifier such as `10`.",
  },
  require_valid_aik_cert: {
    type: "Boolean",
    section: "configurationrules",
    default: true,
    description: "TPM/VBS: require a valid AIK certificate.",
  },
  required_pcr_mask: {
    type: "Integer",
    section: "configurationrules",
    default: 0xffffff,
    description: "TPM/VBS: PCRs that must be present; bit 0 is PCR 0.",
  },
  omit_x5c: {
    type: "Boolean",
    section: "issuancerules",
    default: false,
    description: "Put `x5t` instead of `x5c` in the token header.",
  },
  report_validity_in_minutes: {
    type: "Integer",
    section: "issuancerules",
    default: 1440,
    description: "TPM/VBS token lifetime in minutes (at most a year).",
  },
};

/** Claims the docs call read-only: they can be tested but not issued (policy-version-1-2.md). */
export const READ_ONLY_CLAIMS = ["pcrs"] as const;

export function compareVersions(a: PolicyVersion, b: PolicyVersion): number {
  return SUPPORTED_VERSIONS.indexOf(a) - SUPPORTED_VERSIONS.indexOf(b);
}
