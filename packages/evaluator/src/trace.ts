import type { ActionName, Claim, Range, SectionName, ServiceError } from "@maa-policy/parser";

/** One condition as it was tested (conditions after the first that failed are not tested). */
export interface ConditionTrace {
  readonly range: Range;
  readonly negated: boolean;
  /** Whether the condition held (for `!`, whether no claim matched). */
  readonly held: boolean;
  /** The identifier, when the condition binds one. */
  readonly identifier: string | undefined;
  /** Every claim that satisfied the property conditions: what an identifier binds. */
  readonly matched: readonly Claim[];
}

/** What one rule did: the basis of `--explain`, editor hints and coverage. */
export interface RuleTrace {
  readonly section: SectionName;
  /** 0-based position of the rule in its section. */
  readonly index: number;
  readonly range: Range;
  readonly action: ActionName;
  /** Whether all conditions held, so the action ran. */
  readonly fired: boolean;
  readonly conditions: readonly ConditionTrace[];
  /** The claims the action added, issued or issued as properties. */
  readonly produced: readonly Claim[];
  /** Set when this rule raised the evaluation error. */
  readonly error?: ServiceError;
}
