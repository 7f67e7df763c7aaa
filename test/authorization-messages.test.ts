import { analyzePolicy, DENY_MESSAGE, NO_PERMIT_MESSAGE } from "@maa-policy/parser";
import { loadPolicy, parseClaims } from "@maa-policy/evaluator";
import { describe, expect, it } from "vitest";

const PREFIX = "No rule in 'authorizationrules' calls permit(), so every attestation fails with";

/** The `no-permit` warning quotes the message the evaluator gives for the same policy (spec §8.1). */
describe("the no-permit warning and the evaluator speak with one voice", () => {
  it.each([
    ["a deny-only policy", "authorizationrules { => deny(); };", {}, `${PREFIX} '${DENY_MESSAGE}'`],
    [
      "no deny() and no permit()",
      'authorizationrules { [type=="a"] => add(type="b", value=1); };',
      { a: 1 },
      `${PREFIX} '${NO_PERMIT_MESSAGE}'`,
    ],
    [
      "a conditional deny() that fires",
      'authorizationrules { [type=="a"] => deny(); };',
      { a: 1 },
      `${PREFIX} '${DENY_MESSAGE}' when a deny() fires, otherwise '${NO_PERMIT_MESSAGE}'`,
    ],
    [
      "a conditional deny() that does not fire",
      'authorizationrules { [type=="a"] => deny(); };',
      {},
      `${PREFIX} '${DENY_MESSAGE}' when a deny() fires, otherwise '${NO_PERMIT_MESSAGE}'`,
    ],
  ])("%s", async (_name, rules, input, warning) => {
    const text = `version=1.0;\n${rules}\n`;
    const diagnostics = analyzePolicy(text).diagnostics.filter((d) => d.code === "no-permit");
    expect(diagnostics.map((d) => d.message)).toEqual([warning]);
    const loaded = await loadPolicy(text);
    const claims = parseClaims(JSON.stringify(input));
    if (!loaded.ok || !claims.ok) throw new Error("the policy or its claims do not load");
    const { error } = loaded.policy.evaluate(claims.claims);
    expect(warning).toContain(`'${error?.message ?? "no error"}'`);
  });

  it("the messages are the service's (spec §2.4, §8.1)", () => {
    expect([DENY_MESSAGE, NO_PERMIT_MESSAGE]).toEqual([
      "Policy Engine Exception: A Deny claim was issued, authorization failed.",
      "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.",
    ]);
  });
});
