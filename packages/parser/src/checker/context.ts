import type { Policy, Rule, Section } from "../ast.js";
import { snapshotOf } from "../ast-snapshot.js";
import type { Diagnostic, Fix, Severity } from "../diagnostic.js";
import type { DiagnosticCode } from "../diagnostic-codes.js";
import { isSupportedVersion, type PolicyVersion } from "../language.js";
import type { Range } from "../position.js";
import { NO_CLAIM_ENVIRONMENT, type ClaimEnvironment, type ClaimKnowledge } from "./claim-knowledge.js";

/** What every check reads and writes: the policy, its declared version and the findings. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  /** The declared version if it is one the language knows; checks that depend on it skip otherwise. */
  readonly version: PolicyVersion | undefined;
  /** The policy as read once (`ast-snapshot.ts`): every check reads it again and again. */
  readonly policy: Policy;
  /** What checks share, made by the first that needs it (fields, not WeakMaps: see ast-views.ts). */
  readonly memo: { knowledge?: ClaimKnowledge } = {};

  /**
   * @param complete false when syntax errors cut pieces out of the AST: checks about the policy as
   *   a whole (a missing section, no permit) would then report what the parser dropped.
   */
  constructor(
    policy: Policy,
    readonly complete = true,
    /** The attestation type and declared claims the claim checks read. */
    readonly claims: ClaimEnvironment = NO_CLAIM_ENVIRONMENT,
  ) {
    this.policy = snapshotOf(policy);
    const text = this.policy.version?.text;
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

  /** Every rule with its section, in text order; made once and shared by the checks. */
  rules(): readonly (readonly [Rule, Section])[] {
    if (!this.allRules) {
      this.allRules = [];
      for (const section of this.policy.sections)
        for (const rule of section.rules) this.allRules.push([rule, section]);
    }
    return this.allRules;
  }

  private allRules: [Rule, Section][] | undefined;
}

/** A fix that replaces one range, the common case. */
export function replaceFix(title: string, range: Range, newText: string): Fix {
  return { title, edits: [{ range, newText }] };
}
