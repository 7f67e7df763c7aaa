import type { Claim, ClaimValue, ComparisonOperator, Condition, PropertyCondition } from "@maa-policy/parser";
import {
  CLAIM_PROPERTIES,
  compileExpression,
  constantOf,
  isClaimProperty,
  literalString,
} from "./compile-expression.js";
import { fault } from "./fault.js";
import { matchingClaims, matchShaped, NONE, type Predicate, type Shape } from "./scan-claims.js";
import type { Scope, Slots, State } from "./state.js";
import { Tuning } from "./tuning.js";

export interface CompiledCondition {
  readonly node: Condition;
  readonly negated: boolean;
  /** The identifier's slot, or -1 when the condition binds nothing. */
  readonly slot: number;
  /** A literal type and a test fixed at compile time (nearly every condition): rules scan it inline. */
  readonly shape: Shape | undefined;
  /** Every claim that passes the filter, in the set's order (a trace shows them). */
  readonly matching: (scope: Scope, state: State) => readonly Claim[];
  /**
   * Whether the condition holds, binding its identifier when it does: the path without a trace,
   * for conditions without a shape (the rule's runner scans a shape itself, stopping at a match).
   */
  readonly holds: (scope: Scope, state: State) => boolean;
}

/**
 * Compiles `[p1, p2, ...]` into a claim filter. When every right-hand side is a literal (nearly
 * every real condition), the filter is built once here and the run-time cost is a few compares.
 */
export function compileCondition(node: Condition, slots: Slots): CompiledCondition {
  const typed = node.properties.findIndex(isLiteralType);
  const type = typed < 0 ? undefined : literalString(node.properties[typed].value);
  const rest = node.properties.filter((_, i) => i !== typed);
  const parts = rest.map((p) => compileProperty(p, slots));
  let predicate: (scope: Scope, state: State) => Predicate;
  let fixed: Predicate | undefined;
  if (parts.every((p) => p.constant)) {
    const constant = all(parts.map((p) => p.constant!));
    fixed = constant;
    predicate = () => constant;
  } else {
    predicate = (scope, state) => all(parts.map((p) => p.constant ?? p.build(scope, state)));
  }
  const name = node.identifier?.text;
  let slot = -1;
  if (name !== undefined && !node.negated) {
    slot = slots.get(name) ?? slots.size;
    slots.set(name, slot);
  }
  const negated = node.negated;
  const shape: Shape | undefined =
    type !== undefined && fixed && Tuning.specialisedShapes
      ? { type, test: fixed, value: equalityWith(rest) }
      : undefined;
  const matching: CompiledCondition["matching"] = shape
    ? (_scope, state) => matchShaped(state, shape) ?? NONE
    : matchingClaims({ type, predicate, fixed });
  // A negated condition binds nothing (it is given no slot above).
  const holds: CompiledCondition["holds"] =
    slot >= 0
      ? (scope, state) => {
          const matched = matching(scope, state);
          if (matched.length === 0) return false;
          scope[slot] = matched;
          return true;
        }
      : (scope, state) => matching(scope, state).length > 0 !== negated;
  return { node, negated, slot, shape, matching, holds };
}

/** The literal of `value == literal` when that is the only test besides the type. */
function equalityWith(rest: readonly PropertyCondition[]): ClaimValue | undefined {
  const [only] = rest;
  if (rest.length !== 1 || only.property.text !== "value" || only.operator !== "==") return undefined;
  return constantOf(only.value)?.items[0];
}

function isLiteralType(p: PropertyCondition): boolean {
  return p.property.text === "type" && p.operator === "==" && literalString(p.value) !== undefined;
}

/** The one type a condition can match, when it requires a literal one (`type == "t"`, the first such). */
export function literalTypeOf(node: Condition): string | undefined {
  const typed = node.properties.find(isLiteralType);
  return typed && literalString(typed.value);
}

interface CompiledProperty {
  readonly constant: Predicate | undefined;
  readonly build: (scope: Scope, state: State) => Predicate;
}

function compileProperty(node: PropertyCondition, slots: Slots): CompiledProperty {
  const property = node.property.text;
  if (!isClaimProperty(property)) {
    const raise = (): Predicate =>
      fault(`A claim has no property '${property}' (type, value, issuer, valueType).`, node.property.range);
    return { constant: undefined, build: raise };
  }
  const get = CLAIM_PROPERTIES[property];
  const literal = constantOf(node.value);
  if (literal) return { constant: compare(get, node.operator, literal.items), build: () => fail };
  const rhs = compileExpression(node.value, slots);
  return {
    constant: undefined,
    build: (scope, state) => compare(get, node.operator, rhs(scope, state).items),
  };
}

const fail: Predicate = () => false;

/**
 * Against a Set on the right (`value == c.value` with several bound claims), `==` holds when
 * the claim equals some element and `!=` when it equals none; an ordering holds against some
 * element. Comparisons are strict: `1` never equals `"1"` (docs/semantics.md, "Comparisons").
 */
function compare(
  get: (c: Claim) => ClaimValue,
  op: ComparisonOperator,
  items: readonly ClaimValue[],
): Predicate {
  if (items.length === 1) return compareOne(get, op, items[0]);
  // A Set can hold 100,000 values (limits.ts): lookups and bounds keep each test constant-time.
  if (op === "==" || op === "!=") {
    const set = new Set(items);
    return op === "==" ? (c) => set.has(get(c)) : (c) => !set.has(get(c));
  }
  // Against some element: below the largest, or above the smallest, of the integers.
  const numbers = items.filter((item): item is number => typeof item === "number");
  if (numbers.length === 0) return fail;
  const below = op === "<" || op === "<=";
  const bound = numbers.reduce((a, b) => (below ? Math.max(a, b) : Math.min(a, b)));
  return compareOne(get, op, bound);
}

/**
 * Against one value. Equality reads the property directly rather than through `get`: these few
 * closures are the hot path of every evaluation (bench/evaluate.bench.js).
 */
function compareOne(get: (c: Claim) => ClaimValue, op: ComparisonOperator, v: ClaimValue): Predicate {
  if (op === "==" || op === "!=") {
    const equal = equalTo(get, v);
    return op === "==" ? equal : (c) => !equal(c);
  }
  if (typeof v !== "number") return fail;
  switch (op) {
    case "<":
      return (c) => {
        const x = get(c);
        return typeof x === "number" && x < v;
      };
    case "<=":
      return (c) => {
        const x = get(c);
        return typeof x === "number" && x <= v;
      };
    case ">":
      return (c) => {
        const x = get(c);
        return typeof x === "number" && x > v;
      };
    default:
      return (c) => {
        const x = get(c);
        return typeof x === "number" && x >= v;
      };
  }
}

function equalTo(get: (c: Claim) => ClaimValue, v: ClaimValue): Predicate {
  switch (get) {
    case CLAIM_PROPERTIES.type:
      return (c) => c.type === v;
    case CLAIM_PROPERTIES.value:
      return (c) => c.value === v;
    case CLAIM_PROPERTIES.issuer:
      return (c) => c.issuer === v;
    default:
      return (c) => get(c) === v;
  }
}

/** The filter that every claim passes. */
const ANY: Predicate = () => true;

function all(predicates: readonly Predicate[]): Predicate {
  switch (predicates.length) {
    case 0:
      return ANY;
    case 1:
      return predicates[0];
    case 2: {
      const [a, b] = predicates as [Predicate, Predicate];
      return (c) => a(c) && b(c);
    }
    case 3: {
      const [a, b, d] = predicates as [Predicate, Predicate, Predicate];
      return (c) => a(c) && b(c) && d(c);
    }
    default:
      return (c) => predicates.every((p) => p(c));
  }
}
