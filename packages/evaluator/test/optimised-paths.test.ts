import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { parsePolicy, type Claim } from "@maa-policy/parser";
import { compilePolicy, type CompiledPolicy, type EvaluationResult } from "@maa-policy/evaluator";
import { Tuning } from "../src/tuning.js";

/**
 * The evaluator switches from scanning claims to indexes by type (incoming and outgoing) once
 * sets are large, runs specialised code for the common shapes of conditions and actions, and
 * takes shortcuts when no trace is asked for. Whatever path it takes, the results and traces must
 * be the same: random policies over a few claim types are compiled with the specialised shapes on
 * and off, and evaluated with the indexes always on, always off, and with and without a trace.
 */
const TYPES = ["a", "b", "c", "x-ms-sgx-tcbidentifier"];
const type = fc.constantFrom(...TYPES);
const value = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom("s", "t"), fc.boolean());
const literal = value.map((v) => JSON.stringify(v));
const operator = fc.constantFrom("==", "!=", "<", ">=");

/** A condition's properties: mostly with a literal type (the indexed path), sometimes without, or with two. */
const properties = fc.oneof(
  fc
    .tuple(type, fc.option(fc.tuple(operator, literal)))
    .map(([t, rest]) => [`type=="${t}"`, ...(rest ? [`value${rest[0]}${rest[1]}`] : [])].join(", ")),
  fc.tuple(operator, literal).map(([op, v]) => `value${op}${v}`),
  fc.tuple(type, type).map(([t, u]) => `type=="${t}", type=="${u}"`),
  type.map((t) => `type=="${t}", issuer=="AttestationService"`),
  // A right-hand side known only at run time (an error where c0 is not bound yet).
  type.map((t) => `type=="${t}", value==c0.value`),
);

/** What an action issues from its bound claim: any property, or with valueType or issuer given too. */
const from = fc.constantFrom(
  "value",
  "type",
  "issuer",
  "valueType",
  'value, issuer="x"',
  'value, valueType="String"',
);

const rule = fc
  .record({
    conditions: fc.array(fc.record({ negated: fc.boolean(), properties }), { maxLength: 3 }),
    action: fc.constantFrom("permit", "deny", "issue", "add", "issueproperty", "reissue"),
    type,
    literal,
    property: from,
  })
  .map(({ conditions, action, type, literal, property }) => {
    const bound = conditions.findIndex((c) => !c.negated);
    const text = conditions.map((c, i) => `${c.negated ? "!" : `c${i}:`}[${c.properties}]`).join(" && ");
    const from = bound >= 0 ? `c${bound}.${property}` : literal;
    const act =
      action === "permit" || action === "deny"
        ? `${action}()`
        : action === "reissue" && bound >= 0
          ? `issue(claim=c${bound})`
          : `${action === "reissue" ? "issue" : action}(type="${type}", value=${from})`;
    return `${text} => ${act};`;
  });

const policy = fc
  .record({
    authorization: fc.array(rule, { maxLength: 4 }),
    issuance: fc.array(rule, { maxLength: 8 }),
  })
  .map(
    ({ authorization, issuance }) =>
      `version=1.2; authorizationrules { => permit(); ${authorization.join(" ")} }; issuancerules { ${issuance.join(" ")} };`,
  );

const claims = fc.array(
  fc.record({ type, value }).map(({ type, value }): Claim => ({
    type,
    value,
    valueType: typeof value === "string" ? "String" : typeof value === "number" ? "Integer" : "Boolean",
    issuer: "AttestationService",
  })),
  { maxLength: 30 },
);

const DEFAULT_TUNING = { ...Tuning };
afterEach(() => Object.assign(Tuning, DEFAULT_TUNING));

function evaluate(
  compiled: CompiledPolicy,
  input: Claim[],
  indexes: boolean,
  trace: boolean,
): EvaluationResult {
  Object.assign(
    Tuning,
    indexes
      ? { scansBeforeIndex: 0, issuedBeforeIndex: 0 }
      : { scansBeforeIndex: Infinity, issuedBeforeIndex: Infinity },
  );
  return compiled.evaluate(input, { trace });
}

describe("the optimised paths", () => {
  test("give the same results and traces as scanning", async () => {
    let evaluated = 0;
    await fc.assert(
      fc.asyncProperty(policy, claims, async (text, input) => {
        // Not checked: what the checker would reject still evaluates, to an error, on every path.
        const parsed = parsePolicy(text);
        if (!parsed.policy || parsed.diagnostics.length > 0) throw new Error(text);
        Tuning.specialisedShapes = false;
        const generic = await compilePolicy(parsed.policy);
        Tuning.specialisedShapes = true;
        const specialised = await compilePolicy(parsed.policy);
        evaluated++;
        const scanned = evaluate(generic, input, false, true);
        for (const compiled of [generic, specialised]) {
          for (const indexes of [false, true]) {
            expect(evaluate(compiled, input, indexes, true)).toEqual(scanned);
            // Without a trace, everything but the trace is the same too.
            expect(evaluate(compiled, input, indexes, false)).toEqual({ ...scanned, trace: undefined });
          }
        }
      }),
      { numRuns: 500 },
    );
    expect(evaluated).toBe(500);
  });
});
