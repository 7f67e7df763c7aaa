import { findFunction, type Claim, type ClaimValue, type Expression } from "@maa-policy/parser";
import { fault } from "./fault.js";
import { IMPLEMENTATIONS, type FunctionName } from "./functions.js";
import type { Expr, Scope, Slots, State } from "./state.js";
import { single, someReadOnly, untainted, type Values } from "./values.js";

/** The claim properties a condition or a reference can read. */
export const CLAIM_PROPERTIES = {
  type: (c: Claim): ClaimValue => c.type,
  value: (c: Claim): ClaimValue => c.value,
  issuer: (c: Claim): ClaimValue => c.issuer,
  valueType: (c: Claim): ClaimValue => c.valueType,
} as const;
export type ClaimProperty = keyof typeof CLAIM_PROPERTIES;

export function isClaimProperty(name: string): name is ClaimProperty {
  return Object.hasOwn(CLAIM_PROPERTIES, name);
}

/** A literal's value, known at compile time; undefined for anything computed. */
export function constantOf(expression: Expression): Values | undefined {
  switch (expression.kind) {
    case "String":
      return single(intern(expression.value));
    case "Integer":
    case "Boolean":
      return single(expression.value);
    default:
      return undefined;
  }
}

/** A literal String's value, known at compile time. */
export function literalString(expression: Expression): string | undefined {
  const item = constantOf(expression)?.items[0];
  return typeof item === "string" ? item : undefined;
}

/**
 * The parser's strings are slices of the policy text; a property key is the engine's canonical
 * copy, so `claim.type === literal` against claim types from JSON keys or source literals is a
 * pointer comparison, not a character loop (the hot path of bench/evaluate.bench.js).
 */
function intern(text: string): string {
  return Object.keys({ [text]: 0 })[0] ?? text;
}

/**
 * Compiles an expression once into a closure. Mistakes the checker reports (an unknown function,
 * a wrong arity, an unbound identifier) compile to a closure that raises the same error at run
 * time, so the evaluator stays total on any AST.
 */
export function compileExpression(expression: Expression, slots: Slots): Expr {
  const constant = constantOf(expression);
  if (constant) return () => constant;
  switch (expression.kind) {
    case "PropertyReference": {
      const reference = boundProperty(expression, slots);
      if (!reference) {
        const name = expression.identifier.text;
        const property = expression.property.text;
        return () =>
          fault(
            `'${name}.${property}': a claim has no property '${property}' (type, value, issuer, valueType).`,
            expression.property.range,
          );
      }
      const { bound, get, taints } = reference;
      return (scope, state) => {
        const claims = bound(scope);
        const readOnly = taints(claims, state);
        return claims.length === 1 ? single(get(claims[0]), readOnly) : { items: claims.map(get), readOnly };
      };
    }
    case "IdentifierReference":
      return () =>
        fault(
          `'${expression.name}' names claims; use '${expression.name}.value', or 'claim=${expression.name}' in an action.`,
          expression.range,
        );
    case "FunctionCall":
      return compileCall(expression, slots);
    default:
      return () => fault("Unsupported expression.", expression.range);
  }
}

/** `c.property`, read from the claims bound to `c`: expressions and the actions that issue `c.value` share it. */
export interface BoundProperty {
  /** The claims bound to the identifier (a fault when it binds none). */
  readonly bound: (scope: Scope) => readonly Claim[];
  /** The identifier's slot; undefined when no condition of the rule binds it. */
  readonly slot: number | undefined;
  readonly get: (claim: Claim) => ClaimValue;
  /** Whether the values read carry the read-only taint. */
  readonly taints: (bound: readonly Claim[], state: State) => boolean;
}

/** The reference's reader; undefined for anything else, or a property claims do not have. */
export function boundProperty(expression: Expression, slots: Slots): BoundProperty | undefined {
  if (expression.kind !== "PropertyReference") return undefined;
  const property = expression.property.text;
  if (!isClaimProperty(property)) return undefined;
  const name = expression.identifier.text;
  const slot = slots.get(name);
  return {
    bound: (scope) =>
      (slot === undefined ? undefined : scope[slot]) ??
      fault(`'${name}' is not bound by an earlier condition of this rule.`, expression.identifier.range),
    slot,
    get: CLAIM_PROPERTIES[property],
    // Only values carry the read-only taint: a pcrs claim's type is an ordinary string.
    taints: property === "value" ? someReadOnly : untainted,
  };
}

function compileCall(call: Extract<Expression, { kind: "FunctionCall" }>, slots: Slots): Expr {
  const name = call.name.text;
  // Names are case-sensitive, as the checker has it (docs/decisions.md).
  const signature = findFunction(name);
  if (!signature) return () => fault(`Unknown function '${name}'.`, call.name.range);
  const run = IMPLEMENTATIONS[name as FunctionName];
  const arity = signature.parameters.length;
  if (call.arguments.length !== arity) {
    return () =>
      fault(
        `${name} takes exactly ${arity} argument${arity === 1 ? "" : "s"}, but is given ${call.arguments.length}.`,
        call.range,
      );
  }
  const args = call.arguments.map((a) => compileExpression(a, slots));
  const argumentRanges = call.arguments.map((a) => a.range);
  // Arguments are evaluated left to right before the function runs (claim-rule-functions.md).
  // A function can work long without ticking (JmesPath on a large claim): the clock must run.
  return (scope, state) => {
    state.budget.start();
    return run(
      args.map((arg) => arg(scope, state)),
      { jmespath: state.jmespath, argumentRanges, budget: state.budget },
    );
  };
}

export function usesJmesPath(expression: Expression): boolean {
  return (
    expression.kind === "FunctionCall" &&
    (expression.name.text === "JmesPath" || expression.arguments.some(usesJmesPath))
  );
}
