import { describe, expect, test } from "vitest";
import { pairs, run, runUnchecked } from "./helpers.js";

/** The [UNKNOWN] choices of docs/semantics.md not pinned elsewhere, one test each. */
describe("documented decisions", () => {
  test("configurationrules may have conditions, evaluated like any rule", async () => {
    const text =
      'version=1.1; configurationrules { [type=="tpm"] => issueproperty(type="required_pcr_mask", value=15); }; authorizationrules { => permit(); }; issuancerules {};';
    expect((await run(text, { tpm: true })).engine.required_pcr_mask).toBe(15);
    expect((await run(text, {})).engine.required_pcr_mask).toBe(0xffffff);
  });

  test("issue inside authorizationrules (corpus 25) is outgoing too", async () => {
    const text =
      'version=1.2; authorizationrules { => issue(type="verified", value=true); [type=="verified"] => permit(); }; issuancerules {};';
    const result = await run(text, {});
    expect(result.permitted).toBe(true);
    expect(pairs(result.issued)).toEqual([["verified", true]]);
  });

  test("a repeated section runs after the first, in text order", async () => {
    const text =
      'version=1.0; authorizationrules { => permit(); }; issuancerules { => issue(type="a", value=1); }; issuancerules { => issue(type="b", value=2); };';
    expect(pairs((await runUnchecked(text, {})).issued)).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  test("JMESPath's legacy (non-JSON) backtick literals are not accepted", async () => {
    const result = await runUnchecked(
      'version=1.2; authorizationrules { => permit(); }; issuancerules { => issue(type="r", value=JmesPath("{\\"a\\": \\"x\\"}", "a == `x`")); };',
      {},
    );
    expect(result.outcome).toBe("error");
    expect(result.failure?.detail.startsWith('JmesPath\'s query "a == `x`" is not valid JMESPath')).toBe(
      true,
    );
  });

  test("valueType= must agree with the value", async () => {
    const result = await runUnchecked(
      'version=1.0; authorizationrules { => permit(); }; issuancerules { => issue(type="t", value=1, valueType="String"); };',
      {},
    );
    expect(result.failure?.detail).toBe('valueType="String" does not match the Integer value 1.');
  });

  test("an identifier on a ! condition binds nothing", async () => {
    const result = await runUnchecked(
      'version=1.2; authorizationrules { => permit(); }; issuancerules { !c:[type=="absent"] => issue(type="t", value=c.value); };',
      {},
    );
    expect(result.failure?.detail).toBe("'c' is not bound by an earlier condition of this rule.");
  });
});
