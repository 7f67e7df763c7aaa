import {
  POLICY_ISSUER,
  READ_ONLY_CLAIMS,
  valueTypeOf,
  type Action,
  type Claim,
  type ClaimValue,
  type Range,
  type SectionName,
} from "@maa-policy/parser";
import { boundProperty, compileExpression, constantOf, literalString } from "./compile-expression.js";
import { Decisions } from "./decisions.js";
import type { PolicyFacts } from "./policy-facts.js";
import { Tuning } from "./tuning.js";
import { DEFAULT_ENGINE_PROPERTIES, invalidEngineProperty, withEngineProperty } from "./engine-properties.js";
import { fault } from "./fault.js";
import type { Expr, Scope, Slots, State } from "./state.js";
import { describeValue, isReadOnly, markReadOnly, typeName, untainted } from "./values.js";

/**
 * Runs the action, appending the claims it produced to `produced` when a trace asks for them (none
 * for permit and deny): without a trace, an action allocates only the claims it makes.
 */
export type CompiledAction = ((scope: Scope, state: State, produced: Claim[] | undefined) => void) & {
  /** The same action given the claims it reads directly, when it reads one identifier's only. */
  readonly onBound?: BoundAction;
  /** The claim the action makes on every run, when every argument is a literal (frozen, shared). */
  readonly constant?: { readonly action: string; readonly claim: Claim };
};

/** An action that makes its claims from those bound to one identifier (`issue(type="t", value=c.value)`). */
export interface BoundAction {
  /** The identifier's slot. */
  readonly slot: number;
  readonly run: (claims: readonly Claim[], state: State, produced: Claim[] | undefined) => void;
  /**
   * The action for one bound claim at a time, when no bound claim can be read-only
   * (`PolicyFacts.noReadOnly`): with the taint of the whole set never needed, a rule can issue
   * each claim as its scan finds it.
   */
  readonly each: ((claim: Claim, state: State) => void) | undefined;
}
const ARGUMENT_NAMES = new Set(["type", "value", "valueType", "issuer", "claim"]);

/** Compiled after the rule's conditions, so `slots` holds every identifier they bind. */
export function compileAction(
  node: Action,
  slots: Slots,
  facts: PolicyFacts,
  section: SectionName,
): CompiledAction {
  switch (node.name) {
    case "permit":
    case "deny": {
      if (node.arguments.length > 0) return () => fault(`${node.name}() takes no arguments.`, node.range);
      if (section !== "authorizationrules" && Decisions.decisionsOutsideAuthorizationIgnored)
        return () => undefined;
      const deny = node.name === "deny";
      return (_scope, state) => {
        if (deny) state.deny = true;
        else state.permit = true;
      };
    }
    default:
      return compileClaimAction(node, slots, facts, section);
  }
}

function compileClaimAction(
  node: Action,
  slots: Slots,
  facts: PolicyFacts,
  section: SectionName,
): CompiledAction {
  const args = new Map<string, { expr: Expr; range: Range; node: Action["arguments"][number] }>();
  for (const arg of node.arguments) {
    const name = arg.name.text;
    if (!ARGUMENT_NAMES.has(name))
      return () =>
        fault(
          `${node.name}() has no argument '${name}' (type, value, valueType, issuer, claim).`,
          arg.name.range,
        );
    if (args.has(name)) return () => fault(`${node.name}() is given '${name}' twice.`, arg.range);
    args.set(name, { expr: compileExpression(arg.value, slots), range: arg.value.range, node: arg });
  }
  const claimArg = args.get("claim");
  if (claimArg) {
    const emit = emitter(node, section, false, undefined);
    const ref = claimArg.node.value;
    if (args.size > 1) return () => fault(`${node.name}(claim=...) takes no other argument.`, node.range);
    if (ref.kind !== "IdentifierReference")
      return () =>
        fault("'claim=' takes an identifier bound by a condition, as in issue(claim=c).", claimArg.range);
    const slot = slots.get(ref.name);
    return (scope, state, produced) => {
      const bound = slot === undefined ? undefined : scope[slot];
      if (!bound) return fault(`'${ref.name}' is not bound by a condition of this rule.`, ref.range);
      for (const claim of bound) {
        const issuer = Decisions.reissueKeepsIssuer ? claim.issuer : POLICY_ISSUER;
        const made = { type: claim.type, value: claim.value, valueType: claim.valueType, issuer };
        emit(state, made, isReadOnly(claim, state));
        produced?.push(made);
      }
    };
  }
  const type = args.get("type");
  const value = args.get("value");
  if (!type || !value)
    return () => fault(`${node.name}() needs both type= and value= (or claim=).`, node.range);
  const valueType = args.get("valueType");
  const issuer = args.get("issuer");
  // Literal arguments (nearly every real action) are read once here, not at every run.
  const fixedType = literalString(type.node.value);
  const fixedIssuer = issuer ? literalString(issuer.node.value) : POLICY_ISSUER;
  const reference = boundProperty(value.node.value, slots);
  const literal = constantOf(value.node.value)?.items[0];
  const emit = emitter(
    node,
    section,
    fixedType !== undefined && facts.issuedByOneAction.has(fixedType),
    fixedType !== undefined && literal !== undefined && !valueType && Tuning.policyFacts
      ? { type: fixedType, value: literal }
      : undefined,
  );
  if (
    fixedType !== undefined &&
    fixedIssuer !== undefined &&
    !valueType &&
    reference &&
    Tuning.specialisedShapes
  ) {
    // `issue(type="t", value=c.value)`, the commonest claim action: one claim per bound claim.
    const { bound, get, slot } = reference;
    const taints = facts.noReadOnly ? untainted : reference.taints;
    const run: BoundAction["run"] = (claims, state, produced) => {
      const readOnly = taints(claims, state);
      for (let i = 0; i < claims.length; i++) {
        const v = get(claims[i]);
        const made = { type: fixedType, value: v, valueType: valueTypeOf(v), issuer: fixedIssuer };
        emit(state, made, readOnly);
        produced?.push(made);
      }
    };
    const each = facts.noReadOnly
      ? (claim: Claim, state: State) => {
          const v = get(claim);
          emit(state, { type: fixedType, value: v, valueType: valueTypeOf(v), issuer: fixedIssuer }, false);
        }
      : undefined;
    const action: CompiledAction = (scope, state, produced) => run(bound(scope), state, produced);
    return slot === undefined ? action : Object.assign(action, { onBound: { slot, run, each } });
  }
  if (
    fixedType !== undefined &&
    fixedIssuer !== undefined &&
    !valueType &&
    literal !== undefined &&
    Tuning.specialisedShapes
  ) {
    // Every argument a literal (`issueproperty(type="t", value="v")`): the same claim on every run,
    // made once and frozen, as the default engine properties are (claims are read-only values).
    const claim: Claim = Object.freeze({
      type: fixedType,
      value: literal,
      valueType: valueTypeOf(literal),
      issuer: fixedIssuer,
    });
    const action: CompiledAction = (_scope, state, produced) => {
      emit(state, claim, false);
      produced?.push(claim);
    };
    return Object.assign(action, { constant: { action: node.name, claim } });
  }
  return (scope, state, produced) => {
    const claimType = fixedType ?? singleString(type.expr, scope, state, "type", type.range);
    const claimIssuer = fixedIssuer ?? singleString(issuer!.expr, scope, state, "issuer", issuer!.range);
    const declared = valueType
      ? singleString(valueType.expr, scope, state, "valueType", valueType.range)
      : undefined;
    const { items, readOnly } = value.expr(scope, state);
    // An empty Set (JsonToClaimValue of null or []) makes no claim: the action is a no-op.
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      if (declared !== undefined && declared !== typeName(v))
        fault(
          `valueType="${declared}" does not match the ${typeName(v)} value ${describeValue(v)}.`,
          valueType!.range,
        );
      const made = { type: claimType, value: v, valueType: valueTypeOf(v), issuer: claimIssuer };
      emit(state, made, readOnly);
      produced?.push(made);
    }
  };
}

function singleString(expr: Expr, scope: Scope, state: State, what: string, range: Range): string {
  const { items } = expr(scope, state);
  if (items.length !== 1 || typeof items[0] !== "string") {
    const shown =
      items.length === 1 ? `the ${typeName(items[0])} ${describeValue(items[0])}` : `${items.length} values`;
    return fault(`${what}= must be a single String, but is ${shown}.`, range);
  }
  return items[0];
}

type Emit = (state: State, claim: Claim, readOnly: boolean) => void;

/**
 * Where each action puts its claim (spec §1.1 actions table), one closure per action so that
 * none tests the action's name at run time. `oneAction`: no other action issues the claim's type;
 * `literal`: the type and value of every claim the action makes, when both are literals.
 */
function emitter(
  node: Action,
  section: SectionName,
  oneAction: boolean,
  literal: { readonly type: string; readonly value: ClaimValue } | undefined,
): Emit {
  const action = node.name;
  const readOnlyFault = (claim: Claim): never =>
    fault(
      `'${claim.type}' cannot be issued: its value comes from a read-only claim (${READ_ONLY_CLAIMS.join(", ")}), which can only be used to validate measurements.`,
      node.range,
    );
  const produce = (state: State, claim: Claim, readOnly: boolean): void => {
    state.budget.produce(1);
    if (readOnly) {
      if (action !== "add" || Decisions.addOfReadOnlyIsError) readOnlyFault(claim);
      markReadOnly(claim, state);
    }
  };
  switch (action) {
    case "issueproperty": {
      // A literal property (nearly every one) is checked once, and so is what it makes of the
      // defaults every evaluation starts from (shared, so frozen as the defaults are).
      const known = literal && {
        problem: invalidEngineProperty(literal.type, literal.value),
        fromDefaults: Object.freeze(withEngineProperty(DEFAULT_ENGINE_PROPERTIES, literal)),
      };
      return (state, claim, readOnly) => {
        produce(state, claim, readOnly);
        const problem = known ? known.problem : invalidEngineProperty(claim.type, claim.value);
        if (problem) fault(problem, node.range);
        state.properties.push(claim);
        state.engine =
          known && state.engine === DEFAULT_ENGINE_PROPERTIES
            ? known.fromDefaults
            : withEngineProperty(state.engine, claim);
        state.incoming.add(claim);
      };
    }
    case "issue": {
      const issued = oneAction ? issuedJustBefore : alreadyIssued;
      const outgoing = section !== "authorizationrules" || Decisions.issueInAuthorizationIsOutgoing;
      return (state, claim, readOnly) => {
        produce(state, claim, readOnly);
        state.incoming.add(claim);
        // Once per identity when `collapseIdenticalIssuedClaims` (§8.1).
        if (outgoing && (!Decisions.collapseIdenticalIssuedClaims || !issued(state, claim)))
          state.outgoing.push(claim);
      };
    }
    default:
      return (state, claim, readOnly) => {
        produce(state, claim, readOnly);
        state.incoming.add(claim);
      };
  }
}

/**
 * Whether the running action issued an identical claim, when no other action issues its type:
 * the claims of that type are then this run's, the last ones issued (a rule runs once).
 */
function issuedJustBefore({ outgoing }: State, claim: Claim): boolean {
  for (let i = outgoing.length - 1; i >= 0; i--) {
    const a = outgoing[i];
    if (a.type !== claim.type) return false;
    if (a.valueType === claim.valueType && a.value === claim.value) return true;
  }
  return false;
}

/**
 * Whether an identical claim was issued: what the token shows of a claim, its type, value type and
 * value, is the same. A few outgoing claims are compared one by one; past `Tuning.issuedBeforeIndex`
 * they are looked up by type, and `claim` is recorded there since the caller issues it next.
 */
function alreadyIssued(state: State, claim: Claim): boolean {
  let byType = state.outgoingByType;
  if (byType === undefined) {
    if (state.outgoing.length < Tuning.issuedBeforeIndex) return someIdentical(state.outgoing, claim);
    byType = state.outgoingByType = new Map();
    for (const issued of state.outgoing) record(byType, issued);
  }
  const same = byType.get(claim.type);
  if (same !== undefined && someIdentical(same, claim)) return true;
  record(byType, claim);
  return false;
}

/** A loop, not `some`: this runs for every issued claim, and a callback would be allocated each time. */
function someIdentical(claims: readonly Claim[], b: Claim): boolean {
  for (let i = 0; i < claims.length; i++) {
    const a = claims[i];
    if (a.type === b.type && a.valueType === b.valueType && a.value === b.value) return true;
  }
  return false;
}

function record(byType: Map<string, Claim[]>, claim: Claim): void {
  const same = byType.get(claim.type);
  if (same) same.push(claim);
  else byType.set(claim.type, [claim]);
}
