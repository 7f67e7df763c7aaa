import { describe, expect, test } from "vitest";
import "@maa-policy/evaluator/vitest";
import { policyMatchers } from "@maa-policy/evaluator/vitest";
import { NO_PERMIT_MESSAGE } from "@maa-policy/evaluator";
import { run } from "./helpers.js";

const POLICY =
  'version=1.0; authorizationrules { [type=="ok", value==true] => permit(); }; issuancerules { => issue(type="tee", value="sgx"); };';

describe("vitest matchers", () => {
  test("toPermit, toIssue, toDeny, and their negations", async () => {
    const permitted = await run(POLICY, { ok: true });
    expect(permitted).toPermit();
    expect(permitted).toIssue("tee");
    expect(permitted).toIssue("tee", "sgx");
    expect(permitted).not.toIssue("tee", "tdx");
    expect(permitted).not.toDeny();
    const denied = await run(POLICY, { ok: false });
    expect(denied).not.toPermit();
    expect(denied).toDeny();
    expect(denied).toDeny(NO_PERMIT_MESSAGE);
    expect(denied).not.toDeny("Policy Engine Exception: A Deny claim was issued, authorization failed.");
  });

  test("failure messages say what happened instead", async () => {
    const denied = await run(POLICY, { ok: false });
    expect(policyMatchers.toPermit(denied).message()).toBe(
      `expected the policy to permit, but it was no-permit: ${NO_PERMIT_MESSAGE}`,
    );
    const permitted = await run(POLICY, { ok: true });
    expect(policyMatchers.toIssue(permitted, "tee", "tdx").message()).toBe(
      'expected tee = "tdx" to be issued, but the policy was permitted, issuing [{"tee":"sgx"}]',
    );
    expect(policyMatchers.toDeny(permitted).pass).toBe(false);
    expect(policyMatchers.toPermit("nope").message()).toBe(
      "expected an EvaluationResult (policy.evaluate(claims)), got string",
    );
  });
});
