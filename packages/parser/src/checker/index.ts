import type { Policy } from "../ast.js";
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
import { checkVersions } from "./versions.js";

const CHECKS = [
  checkVersions,
  checkSections,
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
  for (const check of CHECKS) check(ctx);
  return ctx.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
