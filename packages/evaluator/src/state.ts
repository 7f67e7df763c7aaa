import type { Claim, SectionName } from "@maa-policy/parser";
import type { Budget } from "./budget.js";
import type { JmesPathEngine } from "./jmespath.js";
import type { Values } from "./values.js";

/** The claim sets of one evaluation (spec §2.1), mutated by actions in rule order. */
export interface State {
  /** The caller's array until the first claim is added, then a copy (so the input is never changed). */
  incoming: readonly Claim[];
  ownsIncoming: boolean;
  readonly outgoing: Claim[];
  /** `issuedClaimKey` of every outgoing claim, so an identical one is issued once. */
  readonly outgoingKeys: Set<string>;
  readonly properties: Claim[];
  section: SectionName;
  permit: boolean;
  deny: boolean;
  readonly jmespath: JmesPathEngine | undefined;
  /** The time and claims this evaluation may still spend (limits.ts). */
  readonly budget: Budget;
}

/** Claims bound to a rule's identifiers, indexed by slot; undefined until bound. */
export type Scope = (readonly Claim[] | undefined)[];

/** A compiled expression: evaluated against the rule's bindings at the time it runs. */
export type Expr = (scope: Scope, state: State) => Values;

/** Identifier name to slot, for one rule. */
export type Slots = Map<string, number>;
