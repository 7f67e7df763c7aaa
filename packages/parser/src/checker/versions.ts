import { compareVersions, SECTION_SINCE, SUPPORTED_VERSIONS, type PolicyVersion } from "../language.js";
import type { Range } from "../position.js";
import { CheckContext, replaceFix, type CheckedRule } from "./context.js";
import { expressionsOf } from "./walk.js";

/** The version each gated feature needs: sections, and "1.2" for `!` and functions. */
const GATED_SINCE: readonly PolicyVersion[] = [...Object.values(SECTION_SINCE), "1.2"];

/** A feature the policy uses, and the version it needs. */
export interface VersionUse {
  readonly what: string;
  readonly since: PolicyVersion;
  readonly range: Range;
}

/**
 * Unknown version numbers, and features used under a version that does not have them (spec §1.5):
 * the sections here, the rules' features by `noteVersionUses` as each rule is read, all reported
 * by `reportVersionUses`.
 */
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
  // A policy of the latest version (most of them) uses nothing too new: its rules are not looked at.
  if (GATED_SINCE.every((since) => compareVersions(since, ctx.version!) <= 0)) return;
  const uses: VersionUse[] = (ctx.memo.versionUses = []);
  for (const section of ctx.policy.sections) {
    const since = SECTION_SINCE[section.name];
    uses.push({ what: `The '${section.name}' section`, since, range: section.keywordRange });
  }
}

export function noteVersionUses(ctx: CheckContext, { rule }: CheckedRule): void {
  const uses = ctx.memo.versionUses;
  if (!uses) return;
  for (const condition of rule.conditions) {
    if (condition.negated) uses.push({ what: "The '!' absence test", since: "1.2", range: condition.range });
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

/**
 * After every rule: the gated uses, each with the fix to the version they all need. They go before
 * every other finding, where they were when this check ran first over the whole policy, so that
 * at one place the version's finding still comes first.
 */
export function reportVersionUses(ctx: CheckContext): void {
  const uses = ctx.memo.versionUses;
  const declared = ctx.policy.version;
  if (!uses || !declared) return;
  const gated = uses.filter((use) => compareVersions(use.since, ctx.version!) > 0);
  if (gated.length === 0) return;
  const needed = gated.reduce(
    (max, use) => (compareVersions(use.since, max) > 0 ? use.since : max),
    gated[0].since,
  );
  const fix = replaceFix(`Change the version to ${needed}`, declared.numberRange, needed);
  const others = ctx.diagnostics.length;
  for (const use of gated) {
    ctx.report(
      "error",
      "version-gated-feature",
      `${use.what} needs policy version ${use.since} or later; this policy declares version ${ctx.version}.`,
      use.range,
      { fixes: [fix] },
    );
  }
  ctx.diagnostics.unshift(...ctx.diagnostics.splice(others));
}
