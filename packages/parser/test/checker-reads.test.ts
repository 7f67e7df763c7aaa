import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPolicy, parsePolicy, plainAst, type Policy } from "../src/index.js";
import { KEEP_RULES_READ } from "../src/ast-snapshot.js";
import { samplePolicies } from "../../../test/support/policy-samples.js";

/** Rules that give most checks something to say: a `!`, unbound and mistyped things, a JMESPath query. */
const FEATURES = `
issuancerules {
  !n:[type=="x-ms-sgx-is-debuggable", value==true] => issue(type="nodebug", value=true);
  c1:[type=="x-ms-sgx-svn", value>="1"] && c2:[type=="x-ms-sgx-mrsigner", issuer=="AttestationService"] => issue(type="s", value=c3.value);
  c:[type=="x-ms-sgx-is-debugable"] => issue(type="j", value=JmesPath(c.value, "lenght(@)"));
  [type=="s", value==1] => issueproperty(type="policy_signers_mask", value=1);
};
`;

/** Enough rules that the policy is read again by each walk instead of kept (ast-snapshot.ts). */
const MANY_RULES = `\nissuancerules {\n${'c:[type=="x-ms-sgx-svn"] => add(type="svn-seen", value=c.value);\n'.repeat(KEEP_RULES_READ + 1)}};\n`;

describe("the checker's read of the rules", () => {
  it("finds what it finds in the same policy as plain objects, kept as read or read again", () => {
    const texts = samplePolicies();
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.boolean(),
        fc.constantFrom(undefined, "sgx" as const, "tpm" as const),
        (index, many, attestationType) => {
          const text = texts[index] + FEATURES + (many ? MANY_RULES : "");
          const { policy, diagnostics } = parsePolicy(text);
          if (!policy) return;
          const options = { complete: diagnostics.length === 0, claims: { attestationType, declared: {} } };
          const plain = plainAst(policy) as Policy;
          const expected = checkPolicy(plain, options);
          expect(checkPolicy(policy, options)).toEqual(expected);
          // Again: a small policy's walks now reuse its rules as first read.
          expect(checkPolicy(policy, options)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
