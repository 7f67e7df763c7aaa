import type { Section } from "../ast.js";
import { DENY_MESSAGE, NO_PERMIT_MESSAGE } from "../authorization-messages.js";
import { SECTION_ORDER } from "../language.js";
import type { CheckContext } from "./context.js";

/**
 * Section order, duplicates and the sections a policy cannot work without. Every public policy
 * keeps configurationrules, authorizationrules, issuancerules in that order, once each; the
 * grammar accepts any order so that this check can say what is wrong (docs/decisions.md).
 */
export function checkSections(ctx: CheckContext): void {
  const seen = new Set<string>();
  let furthest = -1;
  for (const section of ctx.policy.sections) {
    const rank = SECTION_ORDER.indexOf(section.name);
    if (seen.has(section.name)) {
      ctx.report(
        "error",
        "duplicate-section",
        `The '${section.name}' section appears more than once.`,
        section.keywordRange,
      );
    } else if (rank < furthest) {
      ctx.report(
        "error",
        "section-order",
        `The '${section.name}' section must come before '${SECTION_ORDER[furthest]}'; sections go in the order ${SECTION_ORDER.join(", ")}.`,
        section.keywordRange,
      );
    }
    seen.add(section.name);
    furthest = Math.max(furthest, rank);
  }

  if (!ctx.complete) return;
  const authorization = ctx.policy.sections.find((s) => s.name === "authorizationrules");
  if (!authorization && ctx.policy.version) {
    ctx.report(
      "error",
      "missing-authorizationrules",
      "The policy has no 'authorizationrules' section, so no Permit claim can be issued and every attestation fails.",
      ctx.policy.version.range,
    );
  } else if (authorization && !authorization.rules.some((rule) => rule.action.name === "permit")) {
    ctx.report("warning", "no-permit", noPermitMessage(authorization), authorization.keywordRange);
  }
}

/**
 * Quotes the evaluator's own message: a deny() that always fires fails every attestation with the
 * Deny message, a conditional one with it when it fires, and no deny() with the No Permit message.
 */
function noPermitMessage(authorization: Section): string {
  const denies = authorization.rules.filter((rule) => rule.action.name === "deny");
  const prefix = "No rule in 'authorizationrules' calls permit(), so every attestation fails with";
  if (denies.some((rule) => rule.conditions.length === 0)) return `${prefix} '${DENY_MESSAGE}'`;
  if (denies.length === 0) return `${prefix} '${NO_PERMIT_MESSAGE}'`;
  return `${prefix} '${DENY_MESSAGE}' when a deny() fires, otherwise '${NO_PERMIT_MESSAGE}'`;
}
