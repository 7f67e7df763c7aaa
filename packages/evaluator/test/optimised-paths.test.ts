import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { parsePolicy, type Claim } from "@maa-policy/parser";
import { compilePolicy, type CompiledPolicy, type EvaluationResult } from "@maa-policy/evaluator";
import { Tuning } from "../src/tuning.js";

/**
 * The evaluator switches from scanning claims to indexes by type (incoming and outgoing) once
 * sets are large, runs specialised code for the common shapes of conditions and actions, and
 * takes shortcuts when no trace is asked for or the whole policy allows them (policy-facts.ts).
 * Whatever path it takes, the results and traces must be the same: random policies over a few
 * claim types are compiled with the specialised shapes and the policy facts each on and off, and
 * evaluated with the indexes always on, always off, and with and without a trace. Actions issue
 * the types conditions read and types none reads, so produced claims are sometimes read and
 * sometimes not, and a type is issued by one action or by several.
 */
const TYPES = ["a", "b", "c", "x-ms-sgx-tcbidentifier"];
const type = fc.constantFrom(...TYPES);
const producedType = fc.constantFrom(...TYPES, "d", "e");
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
    type: producedType,
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

/**
 * configurationrules as policies have them: unconditional `issueproperty` of literals (a prelude,
 * prelude.ts), of engine properties with values they take or refuse, and now and then a rule with
 * a condition or a computed value, which ends the prelude.
 */
const configurationRule = fc
  .record({
    condition: fc.constantFrom("", "", "", '[type=="a"]'),
    type: fc.constantFrom("x-ms-sgx-tcbidentifier", "omit_x5c", "required_pcr_mask", "custom", "a"),
    value: fc.oneof(literal, literal, literal, fc.constant('AppendString("1", "2")')),
  })
  .map(({ condition, type, value }) => `${condition} => issueproperty(type="${type}", value=${value});`);

const policy = fc
  .record({
    configuration: fc.array(configurationRule, { maxLength: 3 }),
    authorization: fc.array(rule, { maxLength: 4 }),
    issuance: fc.array(rule, { maxLength: 8 }),
  })
  .map(
    ({ configuration, authorization, issuance }) =>
      `version=1.2; configurationrules { ${configuration.join(" ")} }; authorizationrules { => permit(); ${authorization.join(" ")} }; issuancerules { ${issuance.join(" ")} };`,
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

/** The policy compiled with the specialised shapes and the policy facts each off and on. */
async function variantsOf(text: string): Promise<CompiledPolicy[]> {
  // Not checked: what the checker would reject still evaluates, to an error, on every path.
  const parsed = parsePolicy(text);
  if (!parsed.policy || parsed.diagnostics.length > 0) throw new Error(text);
  const variants: CompiledPolicy[] = [];
  for (const specialisedShapes of [false, true])
    for (const policyFacts of [false, true]) {
      Object.assign(Tuning, { specialisedShapes, policyFacts });
      variants.push(await compilePolicy(parsed.policy));
    }
  return variants;
}

/** Every variant, with and without indexes and a trace, gives what the generic one does by scanning. */
function expectSamePaths(variants: readonly CompiledPolicy[], input: Claim[]): void {
  const scanned = evaluate(variants[0], input, false, true);
  for (const compiled of variants) {
    for (const indexes of [false, true]) {
      expect(evaluate(compiled, input, indexes, true)).toEqual(scanned);
      // Without a trace, everything but the trace and the final incoming set is the same too.
      expect(evaluate(compiled, input, indexes, false)).toEqual({
        ...scanned,
        incoming: undefined,
        trace: undefined,
      });
    }
  }
}

/**
 * Only `issue`, of few types and values: the same claim issued by several actions, with other
 * claims issued between them, or several times by one action (`c.value` of claims alike).
 */
const issuing = fc
  .array(
    fc.record({
      bound: fc.boolean(),
      type: fc.constantFrom("a", "d", "e"),
      value: fc.constantFrom("1", "true", "c0.value"),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map(
    (rules) =>
      `version=1.2; authorizationrules { => permit(); }; issuancerules { ${rules
        .map(({ bound, type, value }) => {
          const from = bound ? value : value === "c0.value" ? "2" : value;
          return `${bound ? 'c0:[type=="a"]' : ""} => issue(type="${type}", value=${from});`;
        })
        .join(" ")} };`,
  );

describe("the optimised paths", () => {
  test("give the same results and traces as scanning", async () => {
    let evaluated = 0;
    let unread = 0;
    let byOneAction = 0;
    let prelude = 0;
    let noReadOnly = 0;
    await fc.assert(
      fc.asyncProperty(policy, claims, async (text, input) => {
        const variants = await variantsOf(text);
        evaluated++;
        if (variants[3].facts.producedUnread) unread++;
        if (variants[3].facts.issuedByOneAction.size > 0) byOneAction++;
        if (variants[3].prelude) prelude++;
        if (variants[3].facts.noReadOnly) noReadOnly++;
        expectSamePaths(variants, input);
      }),
      { numRuns: 500 },
    );
    expect(evaluated).toBe(500);
    // Each shortcut was taken often enough to be tested.
    expect(unread).toBeGreaterThan(10);
    expect(byOneAction).toBeGreaterThan(100);
    expect(prelude).toBeGreaterThan(100);
    expect(noReadOnly).toBeGreaterThan(50);
  });

  test("issue an identical claim once, whichever actions issue its type", async () => {
    await fc.assert(
      fc.asyncProperty(issuing, claims, async (text, input) =>
        expectSamePaths(await variantsOf(text), input),
      ),
      { numRuns: 300 },
    );
  });

  test("share a literal claim, frozen, between evaluations, with a trace and without", async () => {
    const [, , , compiled] = await variantsOf(`version=1.2;
      configurationrules { => issueproperty(type="x-ms-sgx-tcbidentifier", value="10"); };
      authorizationrules { => permit(); }; issuancerules { => issue(type="t", value=1); };`);
    expect(compiled.prelude?.rules).toBe(1);
    const [untraced, traced] = [
      compiled.evaluate([], { trace: false }),
      compiled.evaluate([], { trace: true }),
    ];
    expect(untraced.properties[0]).toBe(traced.properties[0]);
    expect(untraced.issued[0]).toBe(traced.issued[0]);
    // Claims are read-only values: a caller that tries to change one is told so.
    expect(() => Object.assign(untraced.issued[0], { value: 2 })).toThrow(TypeError);
    expect(compiled.evaluate([], { trace: false }).issued).toEqual([
      { type: "t", value: 1, valueType: "Integer", issuer: "AttestationPolicy" },
    ]);
  });

  test("keep the incoming set whole and in order when produced claims join it at the end", async () => {
    // Small and large sets (an array made at its size is only fast up to some 16,000 elements).
    const policy = `version=1.2; authorizationrules { => permit(); };
      issuancerules { c:[type=="a"] => issue(type="d", value=c.value); => add(type="e", value=1); };`;
    for (const size of [3, 17_000]) {
      const input = Array.from({ length: size }, (_, i): Claim => ({
        type: i % 2 ? "a" : "b",
        value: i,
        valueType: "Integer",
        issuer: "AttestationService",
      }));
      const [generic, facts] = await variantsOf(policy);
      expect(facts.facts.producedUnread).toBe(true);
      const produced = [
        ...input.filter((c) => c.type === "a").map((c) => ({ ...c, type: "d", issuer: "AttestationPolicy" })),
        { type: "e", value: 1, valueType: "Integer", issuer: "AttestationPolicy" },
      ];
      for (const compiled of [generic, facts]) {
        // The final set is given with a trace; without one, claims no condition reads are not kept.
        const result = compiled.evaluate(input, { trace: true });
        expect(result.outcome).toBe("permit");
        expect(result.incoming).toEqual([...input, ...produced]);
        expect(compiled.evaluate(input, { trace: false }).incoming).toBeUndefined();
      }
    }
  });
});
