import { describe, expect, test } from "vitest";
import { claim, pairs, run, runUnchecked } from "./helpers.js";

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

  describe("identical issued claims are issued once (spec §8.1, collapseIdenticalIssuedClaims)", () => {
    test("two identical rules issue tee once", async () => {
      const text =
        'version=1.0; authorizationrules { => permit(); }; issuancerules { => issue(type="tee", value="sgx"); => issue(type="tee", value="sgx"); };';
      expect(pairs((await run(text, {})).issued)).toEqual([["tee", "sgx"]]);
    });

    test("issue, then re-issue of what was issued (Windows' vbsEnabled pattern): one true, not [true, true]", async () => {
      const text =
        'version=1.2; authorizationrules { => permit(); }; issuancerules { => issue(type="vbsEnabled", value=true); c:[type=="vbsEnabled", issuer=="AttestationPolicy"] => issue(type="vbsEnabled", value=c.value); };';
      const result = await run(text, {});
      expect(pairs(result.issued)).toEqual([["vbsEnabled", true]]);
      // The incoming set keeps both: the collapse is of what is issued, as the token shows it.
      expect(pairs(result.incoming?.filter((c) => c.type === "vbsEnabled"))).toEqual([
        ["vbsEnabled", true],
        ["vbsEnabled", true],
      ]);
    });

    test("the same value under another type or value type is another claim; the issuer is not compared", async () => {
      const text =
        'version=1.2; authorizationrules { => permit(); }; issuancerules { => issue(type="a", value="1"); => issue(type="a", value=1); => issue(type="b", value=1); c:[type=="a"] => issue(claim=c); => issue(type="b", value=1, issuer="Other"); };';
      const result = await run(text, [claim("a", 1)]);
      expect(result.issued.map((c) => [c.type, c.valueType, c.value, c.issuer])).toEqual([
        ["a", "String", "1", "AttestationPolicy"],
        ["a", "Integer", 1, "AttestationPolicy"],
        ["b", "Integer", 1, "AttestationPolicy"],
      ]);
    });
  });
});
