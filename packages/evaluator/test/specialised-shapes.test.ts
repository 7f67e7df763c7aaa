import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { parsePolicy, type Claim, type ClaimValue } from "@maa-policy/parser";
import { compilePolicy } from "@maa-policy/evaluator";
import { Tuning } from "../src/tuning.js";

/**
 * Conditions of the common shape (a literal type and a test fixed at compile time, value equality
 * inline) and actions that issue `c.value` run specialised code. Each single condition, over
 * values that differ only loosely (1 and true, "1" and 1), must select the same claims as the
 * generic closures, bound or not, negated or not; test/optimised-paths.test.ts mixes them in
 * whole policies.
 */
const VALUES: ClaimValue[] = [0, 1, 2, "1", "s", "String", "AttestationService", true, false];
const value = fc.constantFrom(...VALUES);
const literal = value.map((v) => JSON.stringify(v));
/** `type=="t"` and up to three more properties. */
const condition = fc
  .array(
    fc.tuple(
      fc.constantFrom("value", "issuer", "valueType", "type"),
      fc.constantFrom("==", "!=", "<", "<=", ">", ">="),
      literal,
    ),
    { maxLength: 3 },
  )
  .map((properties) => [`type=="t"`, ...properties.map(([p, op, v]) => `${p}${op}${v}`)].join(", "));
const claims = fc.array(
  fc
    .record({ type: fc.constantFrom("t", "u"), value, issuer: fc.constantFrom("AttestationService", "x") })
    .map(({ type, value, issuer }): Claim => ({
      type,
      value,
      valueType: typeof value === "string" ? "String" : typeof value === "number" ? "Integer" : "Boolean",
      issuer,
    })),
  { maxLength: 12 },
);

afterEach(() => {
  Tuning.specialisedShapes = true;
});

async function compiled(text: string, specialised: boolean) {
  const parsed = parsePolicy(text);
  if (!parsed.policy || parsed.diagnostics.length > 0) throw new Error(text);
  Tuning.specialisedShapes = specialised;
  return compilePolicy(parsed.policy);
}

describe("the specialised shapes", () => {
  test("select the same claims as the generic closures", async () => {
    await fc.assert(
      fc.asyncProperty(condition, claims, async (c, input) => {
        const text = `version=1.2; authorizationrules { => permit(); }; issuancerules {
          c:[${c}] => issue(claim=c);
          [${c}] => issue(type="held", value=true);
          ![${c}] => issue(type="not", value=true);
          c:[${c}] => issue(type="v", value=c.value);
          c:[${c}] && d:[${c}] => issue(type="w", value=d.issuer);
        };`;
        const generic = await compiled(text, false);
        const specialised = await compiled(text, true);
        for (const trace of [false, true])
          expect(specialised.evaluate(input, { trace })).toEqual(generic.evaluate(input, { trace }));
      }),
      { numRuns: 1000 },
    );
  });
});
