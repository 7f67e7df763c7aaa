import { compareVersions, SECTION_SINCE, SUPPORTED_VERSIONS, type PolicyVersion } from "../language.js";
import type { Range } from "../position.js";
import { CheckContext, replaceFix } from "./context.js";
import { expressionsOf } from "./walk.js";

/** Unknown version numbers, and features used under a version that does not have them (spec §1.5). */
export function checkVersions(ctx: CheckContext): void {
  const declared = ctx.policy.version;
  if (!declared) return;
  if (!ctx.version) {
    ctx.report(
      "error",
      "unknown-version",
      `Unknown policy version '${declared.text}'; the language has versions ${SUPPORTED_VERSIONS.join(", ")}.`,
      declared.numberRange,
    );
    return;
  }
  const uses: { what: string; since: PolicyVersion; range: Range }[] = [];
  for (const section of ctx.policy.sections) {
    const since = SECTION_SINCE[section.name];
    uses.push({ what: `The '${section.name}' section`, since, range: section.keywordRange });
  }
  for (const [rule] of ctx.rules()) {
    for (const condition of rule.conditions) {
      if (condition.negated)
        uses.push({ what: "The '!' absence test", since: "1.2", range: condition.range });
    }
    for (const expression of expressionsOf(rule)) {
      if (expression.kind === "FunctionCall") {
        uses.push({
          what: `The function '${expression.name.text}'`,
          since: "1.2",
          range: expression.name.range,
        });
      }
    }
  }
  const gated = uses.filter((use) => compareVersions(use.since, ctx.version!) > 0);
  if (gated.length === 0) return;
  const needed = gated.reduce(
    (max, use) => (compareVersions(use.since, max) > 0 ? use.since : max),
    gated[0].since,
  );
  const fix = replaceFix(`Change the version to ${needed}`, declared.numberRange, needed);
  for (const use of gated) {
    ctx.report(
      "error",
      "version-gated-feature",
      `${use.what} needs policy version ${use.since} or later; this policy declares version ${ctx.version}.`,
      use.range,
      { fixes: [fix] },
    );
  }
}
