import type { Claim } from "@maa-policy/parser";
import type { Budget } from "./budget.js";
import type { ClaimSet } from "./claim-set.js";
import type { EngineProperties } from "./engine-properties.js";
import type { JmesPathEngine } from "./jmespath.js";
import type { Values } from "./values.js";

/** The claim sets of one evaluation (spec §2.1), mutated by actions in rule order. */
export interface State {
  readonly incoming: ClaimSet;
  readonly outgoing: Claim[];
  /** The outgoing claims by type, once there are many, so an identical one is found and issued once. */
  outgoingByType: Map<string, Claim[]> | undefined;
  readonly properties: Claim[];
  /** The engine properties so far, kept as each is issued (a new object on each change). */
  engine: EngineProperties;
  permit: boolean;
  deny: boolean;
  readonly jmespath: JmesPathEngine | undefined;
  /** The time and claims this evaluation may still spend (limits.ts). */
  readonly budget: Budget;
  /** Claims this evaluation made from read-only values, once it has made one (`values.ts`). */
  readOnly: Set<Claim> | undefined;
}

/** Claims bound to a rule's identifiers, indexed by slot; undefined until bound. */
export type Scope = (readonly Claim[] | undefined)[];

/** The scope of a rule that binds nothing: shared, never written to. */
export const EMPTY_SCOPE: Scope = [];

/** A compiled expression: evaluated against the rule's bindings at the time it runs. */
export type Expr = (scope: Scope, state: State) => Values;

/** Identifier name to slot, for one rule. */
export type Slots = Map<string, number>;
