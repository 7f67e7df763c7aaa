import { describe, expect, test } from "vitest";
import { MAX_NESTING, restErrorBody } from "@maa-policy/parser";
import { DENY_MESSAGE, NO_PERMIT_MESSAGE } from "@maa-policy/evaluator";
import { claim, pairs, run, runUnchecked } from "./helpers.js";

const SGX = {
  "x-ms-sgx-is-debuggable": false,
  "x-ms-sgx-product-id": 1,
  "x-ms-sgx-svn": 2,
  "x-ms-sgx-mrsigner": "aa",
};

describe("authorization outcome (spec §2.4)", () => {
  test.each([
    ["permit", "=> permit();", "permit"],
    ["no rule fires", '[type=="absent"] => permit();', "no-permit"],
    ["empty section", "", "no-permit"],
    ["deny wins over a later permit (corpus 05)", "=> deny(); => permit();", "deny"],
    ["deny wins over an earlier permit", "=> permit(); => deny();", "deny"],
    [
      "a deny that does not fire",
      '[type=="x-ms-sgx-is-debuggable", value==true] => deny(); => permit();',
      "permit",
    ],
  ])("%s", async (_name, rules, outcome) => {
    const result = await run(
      `version=1.0; authorizationrules { ${rules} }; issuancerules { => issue(type="out", value=1); };`,
      SGX,
    );
    expect(result.outcome).toBe(outcome);
    expect(result.permitted).toBe(outcome === "permit");
    // Issuance runs only when authorization permits.
    expect(pairs(result.issued)).toEqual(outcome === "permit" ? [["out", 1]] : []);
  });

  test("deny and no-permit are the service's PolicyEvaluationErrors, message and REST body", async () => {
    const denied = await run("version=1.0; authorizationrules { => deny(); }; issuancerules {};", {});
    expect(denied.error).toEqual({ code: "PolicyEvaluationError", message: DENY_MESSAGE, status: 400 });
    expect(DENY_MESSAGE).toBe("Policy Engine Exception: A Deny claim was issued, authorization failed.");
    const none = await run("version=1.0; authorizationrules { }; issuancerules {};", {});
    expect(none.error?.message).toBe(
      "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.",
    );
    expect(NO_PERMIT_MESSAGE).toBe(none.error?.message);
    const body =
      'Attestation Enclave operation failed with 65518: Exception(0) 83FFFFEE Policy Evaluation Error has occurred    Msg:[Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.] \n\r\nUnhandled Enclave Exception: "Policy Evaluation Error has occurred"\r\n';
    expect(restErrorBody(none.error!)).toEqual({
      error: {
        code: "PolicyEvaluationError",
        message: body,
        innererror: { code: "PolicyEvaluationError", message: body },
      },
    });
  });

  test("a policy without authorizationrules has no Permit claim", async () => {
    // The checker reports it (missing-authorizationrules); the evaluator, given the tree, agrees.
    const result = await runUnchecked('version=1.0; issuancerules { => issue(type="x", value=1); };', {});
    expect(result.outcome).toBe("no-permit");
    expect(result.issued).toEqual([]);
  });

  test("the whole authorizationrules section runs after a deny (decision: stopAtFirstDeny false)", async () => {
    const result = await run(
      'version=1.0; authorizationrules { => deny(); => add(type="after", value=true); }; issuancerules {};',
      {},
    );
    expect(result.outcome).toBe("deny");
    expect(pairs(result.incoming)).toEqual([["after", true]]);
  });

  test.each([
    [
      "deny() in issuancerules",
      "authorizationrules { => permit(); }; issuancerules { => deny(); };",
      "permit",
    ],
    ["permit() in issuancerules", "authorizationrules { }; issuancerules { => permit(); };", "no-permit"],
    [
      "permit() in configurationrules",
      "configurationrules { => permit(); }; authorizationrules { }; issuancerules { };",
      "no-permit",
    ],
  ])("%s changes nothing (decision; the checker refuses it)", async (_name, sections, outcome) => {
    expect((await runUnchecked(`version=1.1; ${sections}`, {})).outcome).toBe(outcome);
  });
});

describe("claim sets and rule order (spec §2.1)", () => {
  test("add appends to incoming only; issue to incoming and outgoing; issueproperty to incoming and properties", async () => {
    const result = await run(
      'version=1.0; authorizationrules { => permit(); }; issuancerules { => add(type="a", value=1); => issue(type="i", value="two"); => issueproperty(type="omit_x5c", value=true); };',
      { in: true },
    );
    expect(pairs(result.incoming)).toEqual([
      ["in", true],
      ["a", 1],
      ["i", "two"],
      ["omit_x5c", true],
    ]);
    expect(pairs(result.issued)).toEqual([["i", "two"]]);
    expect(pairs(result.properties)).toEqual([["omit_x5c", true]]);
    expect(result.issued[0]).toEqual({
      type: "i",
      value: "two",
      valueType: "String",
      issuer: "AttestationPolicy",
    });
  });

  test("later rules see what earlier rules added; earlier rules do not (single forward pass)", async () => {
    const result = await run(
      'version=1.0; authorizationrules { => permit(); }; issuancerules { [type=="b"] => issue(type="sawB", value=true); [type=="x"] => add(type="b", value=1); [type=="b"] => issue(type="sawB", value=false); };',
      { x: 0 },
    );
    expect(pairs(result.issued)).toEqual([["sawB", false]]);
  });

  test("claims added in authorizationrules are visible to later authorization rules and to issuancerules", async () => {
    const result = await run(
      'version=1.0; authorizationrules { [type=="x"] => add(type="ok", value=true); [type=="ok", value==true] => permit(); }; issuancerules { c:[type=="ok"] => issue(type="ok2", value=c.value); };',
      { x: 1 },
    );
    expect(result.outcome).toBe("permit");
    expect(pairs(result.issued)).toEqual([["ok2", true]]);
  });

  test("configurationrules run first, whatever the text order", async () => {
    // The checker reports section-order; the evaluator runs the sections in the canonical order.
    const result = await runUnchecked(
      'version=1.1; authorizationrules { [type=="x-ms-sgx-tcbidentifier"] => permit(); }; issuancerules {}; configurationrules { => issueproperty(type="x-ms-sgx-tcbidentifier", value="10"); };',
      {},
    );
    expect(result.outcome).toBe("permit");
    expect(result.engine["x-ms-sgx-tcbidentifier"]).toBe("10");
  });

  test("the input array is not modified", async () => {
    const input = [claim("x", 1)];
    await run(
      'version=1.0; authorizationrules { => permit(); }; issuancerules { => issue(type="y", value=2); };',
      input,
    );
    expect(input).toEqual([claim("x", 1)]);
  });
});

describe("conditions (spec §1.1, §2.2)", () => {
  const permitIf = (conditions: string, version = "1.0") =>
    `version=${version}; authorizationrules { ${conditions} => permit(); }; issuancerules {};`;
  test.each([
    ["all property conditions on one claim", '[type=="x-ms-sgx-svn", value>=2]', true],
    ["properties split over two claims do not match", '[type=="x-ms-sgx-svn", value=="aa"]', false],
    ["a condition with no type (corpus 05)", "[value==1]", true],
    [
      "issuer defaults to AttestationService for input",
      '[type=="x-ms-sgx-svn", issuer=="AttestationService"]',
      true,
    ],
    ["issuer mismatch", '[type=="x-ms-sgx-svn", issuer=="AttestationPolicy"]', false],
    ["valueType", '[type=="x-ms-sgx-svn", valueType=="Integer"]', true],
    ["&& needs every condition", '[type=="x-ms-sgx-svn"] && [type=="absent"]', false],
    ["!= on the value", '[type=="x-ms-sgx-product-id", value!=0]', true],
    [
      "< <= > >=",
      '[type=="x-ms-sgx-svn", value>1] && [type=="x-ms-sgx-svn", value<3] && [type=="x-ms-sgx-svn", value<=2] && [type=="x-ms-sgx-svn", value>=2]',
      true,
    ],
    ["types are compared case-sensitively", '[type=="X-MS-SGX-SVN"]', false],
    ["an Integer never equals a String (corpus 34)", '[type=="x-ms-sgx-product-id", value=="1"]', false],
    ["a Boolean never equals an Integer", '[type=="x-ms-sgx-is-debuggable", value==0]', false],
  ])("%s", async (_name, conditions, permitted) => {
    expect((await run(permitIf(conditions), SGX)).permitted).toBe(permitted);
  });

  test("an Integer is unequal to a String (check refuses it: it opens the permit; the evaluator decides as the service would)", async () => {
    const text = permitIf('[type=="x-ms-sgx-product-id", value!="1"]');
    expect((await runUnchecked(text, SGX)).permitted).toBe(true);
  });

  test.each([
    ["![...] holds when no claim matches", '![type=="absent"]', true],
    ["![...] fails when one does", '![type=="x-ms-sgx-svn"]', false],
  ])("%s", async (_name, conditions, permitted) => {
    expect((await run(permitIf(conditions, "1.2"), SGX)).permitted).toBe(permitted);
  });

  test.each([
    ["String", '[type=="x-ms-sgx-mrsigner", value>"a"]'],
    ["Boolean", '[type=="x-ms-sgx-is-debuggable", value<true]'],
  ])("ordering a %s never matches (decision)", async (_name, conditions) => {
    expect((await runUnchecked(permitIf(conditions), SGX)).permitted).toBe(false);
  });
});

describe("identifiers and sets (spec §2.2)", () => {
  const issuance = (rules: string) =>
    `version=1.2; authorizationrules { => permit(); }; issuancerules { ${rules} };`;
  const many = [claim("m", "a"), claim("m", "b"), claim("n", "b"), claim("m", "c", "CustomClaim")];

  test("an identifier binds every matching claim, and the action makes one claim per value", async () => {
    const result = await run(issuance('c:[type=="m"] => issue(type="out", value=c.value);'), many);
    expect(pairs(result.issued)).toEqual([
      ["out", "a"],
      ["out", "b"],
      ["out", "c"],
    ]);
    expect(result.trace?.[1]?.conditions[0]?.matched).toEqual([many[0], many[1], many[3]]);
  });

  test("issue(claim=c) re-issues the bound claims, keeping type, value and issuer (decision)", async () => {
    const result = await run(issuance('c:[type=="m", value!="a"] => issue(claim=c);'), many);
    expect(result.issued).toEqual([many[1], many[3]]);
  });

  test("value == F1.value holds when the value equals any bound value (decision)", async () => {
    const result = await run(
      issuance('F1:[type=="n"] && C2:[type=="m", value==F1.value] => issue(claim=C2);'),
      many,
    );
    expect(pairs(result.issued)).toEqual([["m", "b"]]);
  });

  test("value != F1.value holds when the value equals none of them", async () => {
    const result = await run(
      issuance('F1:[type=="n"] && C2:[type=="m", value!=F1.value] => issue(claim=C2);'),
      many,
    );
    expect(pairs(result.issued)).toEqual([
      ["m", "a"],
      ["m", "c"],
    ]);
  });

  test("a value derived from a Set gives one claim per element (AppendString on each)", async () => {
    const result = await run(
      issuance('c:[type=="m"] => issue(type="out", value=AppendString(c.value, "!"));'),
      many,
    );
    expect(pairs(result.issued)).toEqual([
      ["out", "a!"],
      ["out", "b!"],
      ["out", "c!"],
    ]);
  });

  test("two Set arguments combine element by element (every pair)", async () => {
    const result = await run(
      issuance(
        'c:[type=="m", issuer=="AttestationService"] && d:[type=="n"] => issue(type="out", value=AppendString(c.value, d.value));',
      ),
      many,
    );
    expect(pairs(result.issued)).toEqual([
      ["out", "ab"],
      ["out", "bb"],
    ]);
  });

  test("the same type may be issued twice; both claims coexist (corpus 28)", async () => {
    const result = await run(
      issuance(
        '=> add(type="k", value="RSA"); c:[type=="k", issuer=="AttestationPolicy", value=="RSA"] => issue(type="k", value="RSA");',
      ),
      {},
    );
    expect(pairs(result.incoming)).toEqual([
      ["k", "RSA"],
      ["k", "RSA"],
    ]);
    expect(pairs(result.issued)).toEqual([["k", "RSA"]]);
  });

  test("valueType and issuer arguments", async () => {
    const result = await run(
      issuance('=> issue(type="t", value=100, valueType="Integer", issuer="CustomClaim");'),
      {},
    );
    expect(result.issued).toEqual([{ type: "t", value: 100, valueType: "Integer", issuer: "CustomClaim" }]);
  });
});

describe("nesting", () => {
  test("calls nested as deep as the parser reads compile and evaluate", async () => {
    const depth = MAX_NESTING;
    const value = `${"AppendString(".repeat(depth)}c.value${', "a")'.repeat(depth)}`;
    const result = await run(
      `version=1.2; authorizationrules { => permit(); }; issuancerules { c:[type=="in"] => issue(type="out", value=${value}); };`,
      { in: "x" },
    );
    expect(pairs(result.issued)).toEqual([["out", `x${"a".repeat(depth)}`]]);
  });
});
