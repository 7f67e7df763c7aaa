import type { Action, Policy } from "@maa-policy/parser";
import { literalTypeOf } from "./compile-condition.js";
import { literalString } from "./compile-expression.js";
import { isReadOnlyType } from "./values.js";
import { Tuning } from "./tuning.js";

/**
 * What the whole policy lets evaluation skip, known before any claim is seen (docs/decisions.md,
 * issue 18). Each fact only lets work be left out whose result no rule could tell apart.
 */
export interface PolicyFacts {
  /**
   * No condition can match a claim the policy adds or issues: every condition requires a literal
   * type, every claim action makes a literal type, and no type is both. Produced claims then join
   * the incoming set only when the evaluation ends, and the caller's array is never copied.
   */
  readonly producedUnread: boolean;
  /**
   * The types exactly one `issue` action issues, when every `issue` names a literal type. An
   * identical claim of such a type can only come from the same run of that action, so it is found
   * among the last claims issued (`compile-action.ts`, `issuedJustBefore`).
   */
  readonly issuedByOneAction: ReadonlySet<string>;
  /**
   * No claim of an evaluation can be read-only: every condition requires a literal type that is
   * not a read-only type, so no condition binds one, and a claim is read-only only by its type or
   * by being made from a read-only claim's value. Actions then never look for the taint.
   */
  readonly noReadOnly: boolean;
  /** How many conditions require a literal type: how many scans by type an evaluation makes at most. */
  readonly typedConditions: number;
}

/** The shortcuts no policy allows: what compiling with `Tuning.policyFacts` off assumes. */
const NO_FACTS = { producedUnread: false, issuedByOneAction: new Set<string>(), noReadOnly: false };

export function policyFacts(policy: Policy): PolicyFacts {
  const rules = policy.sections.flatMap((section) => section.rules);
  const read = rules.flatMap((rule) => rule.conditions.map(literalTypeOf));
  // Not a shortcut, but what deciding on an index needs: on either path.
  const typedConditions = read.filter((type) => type !== undefined).length;
  if (!Tuning.policyFacts) return { ...NO_FACTS, typedConditions };
  const produced = rules
    .map((rule) => rule.action)
    .filter((action) => action.name !== "permit" && action.name !== "deny");
  const made = produced.map(producedType);
  const readTypes = new Set(read);
  const producedUnread =
    !readTypes.has(undefined) && !made.includes(undefined) && !made.some((type) => readTypes.has(type));
  const issued = produced.filter((action) => action.name === "issue").map(producedType);
  const issuedByOneAction = issued.includes(undefined)
    ? new Set<string>()
    : new Set(
        issued.filter((type, i) => issued.indexOf(type) === i && issued.lastIndexOf(type) === i) as string[],
      );
  const noReadOnly = read.every((type) => type !== undefined && !isReadOnlyType(type));
  return { producedUnread, issuedByOneAction, noReadOnly, typedConditions };
}

/** The literal type a claim action makes, or undefined when it may make any (claim=, a computed type). */
function producedType(action: Action): string | undefined {
  let type: string | undefined;
  for (const argument of action.arguments) {
    if (argument.name.text === "claim") return undefined;
    if (argument.name.text === "type") {
      if (type !== undefined) return undefined;
      type = literalString(argument.value);
      if (type === undefined) return undefined;
    }
  }
  return type;
}
