import type { Policy, Rule, Section } from "../ast.js";
import type { Diagnostic, Fix, Severity } from "../diagnostic.js";
import type { DiagnosticCode } from "../diagnostic-codes.js";
import { isSupportedVersion, type PolicyVersion } from "../language.js";
import type { Range } from "../position.js";
import type { VersionUse } from "./versions.js";
import { NO_CLAIM_ENVIRONMENT, type ClaimEnvironment, type ClaimKnowledge } from "./claim-knowledge.js";

/** What every check reads and writes: the policy, its declared version and the findings. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  /** The declared version if it is one the language knows; checks that depend on it skip otherwise. */
  readonly version: PolicyVersion | undefined;
  /** What checks share, made by the first that needs it (fields, not WeakMaps: see ast-views.ts). */
  readonly memo: { knowledge?: ClaimKnowledge; versionUses?: VersionUse[] } = {};

  /**
   * @param complete false when syntax errors cut pieces out of the AST: checks about the policy as
   *   a whole (a missing section, no permit) would then report what the parser dropped.
   */
  constructor(
    readonly policy: Policy,
    readonly complete = true,
    /** The attestation type and declared claims the claim checks read. */
    readonly claims: ClaimEnvironment = NO_CLAIM_ENVIRONMENT,
  ) {
    const text = policy.version?.text;
    this.version = text !== undefined && isSupportedVersion(text) ? text : undefined;
  }

  report(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    range: Range,
    help?: { hint?: string; fixes?: Fix[] },
  ): void {
    this.diagnostics.push({ code, severity, message, range, ...help });
  }
}

/**
 * A rule as the rule checks see it: read once (`forEachRule`), with its section and its place in
 * text order.
 */
export interface CheckedRule {
  readonly rule: Rule;
  readonly section: Section;
  readonly index: number;
}

/** A fix that replaces one range, the common case. */
export function replaceFix(title: string, range: Range, newText: string): Fix {
  return { title, edits: [{ range, newText }] };
}
