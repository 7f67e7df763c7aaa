import type { Policy } from "../ast.js";
import { forEachRule } from "../ast-snapshot.js";
import type { Diagnostic } from "../diagnostic.js";
import { checkActions } from "./actions.js";
import type { ClaimEnvironment } from "./claim-knowledge.js";
import { checkClaimTypes } from "./claim-types.js";
import { checkClaimValues } from "./claim-values.js";
import { CheckContext } from "./context.js";
import { checkExpressions } from "./expressions.js";
import { checkIdentifiers } from "./identifiers.js";
import { checkJmesPath } from "./jmespath.js";
import { checkReadOnly } from "./read-only.js";
import { checkSections } from "./sections.js";
import { checkVersions, noteVersionUses, reportVersionUses } from "./versions.js";

/** Checks of the policy as a whole. */
const POLICY_CHECKS = [checkVersions, checkSections];

/**
 * Checks of one rule, all run on each rule as it is read, before the next: one read of each rule
 * for all of them (`forEachRule`). Findings come out in the same order as check after check over
 * the whole policy would give them, once sorted: two findings at one place come from one rule.
 */
const RULE_CHECKS = [
  noteVersionUses,
  checkActions,
  checkIdentifiers,
  checkExpressions,
  checkReadOnly,
  checkJmesPath,
  checkClaimTypes,
  checkClaimValues,
];

/**
 * What parses but cannot work, or that the service would refuse: each finding has a stable code
 * (docs/diagnostics.md), a precise range and, where the repair is mechanical, a fix.
 */
export function checkPolicy(
  policy: Policy,
  options: { complete?: boolean; claims?: ClaimEnvironment } = {},
): Diagnostic[] {
  const ctx = new CheckContext(policy, options.complete ?? true, options.claims);
  for (const check of POLICY_CHECKS) check(ctx);
  forEachRule(policy, (rule, section, index) => {
    const checked = { rule, section, index };
    for (const check of RULE_CHECKS) check(ctx, checked);
  });
  reportVersionUses(ctx);
  return ctx.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
