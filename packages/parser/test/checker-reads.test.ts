import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPolicy, parsePolicy, plainAst, type Policy } from "../src/index.js";
import { KEEP_RULES_READ } from "../src/ast-snapshot.js";
import { samplePolicies } from "../../../test/support/policy-samples.js";

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
          const text = many ? texts[index] + MANY_RULES : texts[index];
          const { policy, diagnostics } = parsePolicy(text);
          if (!policy) return;
          const options = { complete: diagnostics.length === 0, claims: { attestationType, declared: {} } };
          const plain = plainAst(policy) as Policy;
          expect(checkPolicy(policy, options)).toEqual(checkPolicy(plain, options));
        },
      ),
      { numRuns: 150 },
    );
  });
});
