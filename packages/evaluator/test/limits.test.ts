import { describe, expect, it } from "vitest";
import {
  MAX_BUILT_CHARACTERS,
  MAX_PRODUCED_CLAIMS,
  MAX_SET_VALUES,
  MAX_STRING_LENGTH,
} from "../src/limits.js";
import { claim, run } from "./helpers.js";

/** `issuancerules` with one rule a line from line 3: rule n (1-based) is on line n + 2. */
const issuance = (rules: readonly string[]) =>
  `version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n${rules.map((r) => `  ${r}\n`).join("")}};`;
const at = (rule: number) => `(issuancerules rule ${rule}, line ${rule + 3}, column 3)`;

describe("evaluation is bounded, and the error names the rule that crossed the bound", () => {
  it(`stops a claim set doubled by every rule past ${MAX_PRODUCED_CLAIMS} produced claims`, async () => {
    const policy = issuance(new Array<string>(24).fill('c:[type=="T"] => issue(claim=c);'));
    const result = await run(policy, [claim("T", "x")], { trace: false });
    // After rule k, 2^k - 1 claims have been produced: rule 14 crosses 10,000.
    expect(result.outcome).toBe("error");
    expect(result.error?.message).toBe(
      `Policy Engine Exception: Evaluation stopped: the policy produced more than ${MAX_PRODUCED_CLAIMS} claims (add, issue and issueproperty together). ${at(14)}`,
    );
    expect(result.failure?.index).toBe(13);
  });

  it(`stops a function over three Sets of 200 (8 million combinations) past ${MAX_SET_VALUES} values`, async () => {
    const policy = issuance([
      'a:[type=="n"] && b:[type=="n"] && c:[type=="n"] => issue(type="x", value=AppendString(AppendString(a.value, b.value), c.value));',
    ]);
    const input = Array.from({ length: 200 }, (_, i) => claim("n", `v${i}`));
    const result = await run(policy, input, { trace: false });
    expect(result.error?.message).toBe(
      `Policy Engine Exception: Evaluation stopped: an expression made a Set of more than ${MAX_SET_VALUES} values. ${at(1)}`,
    );
    expect(result.issued).toEqual([]);
  });

  it(`stops a string doubled by every rule at ${MAX_STRING_LENGTH} characters`, async () => {
    const rules = Array.from(
      { length: 12 },
      (_, i) => `c:[type=="s${i}"] => add(type="s${i + 1}", value=AppendString(c.value, c.value));`,
    );
    const result = await run(issuance(rules), [claim("s0", "x".repeat(1024))], { trace: false });
    // 1 kB doubled ten times is 1 MB: the eleventh doubling would pass the limit.
    expect(result.error?.message).toBe(
      `Policy Engine Exception: AppendString would make a string of ${2 * MAX_STRING_LENGTH} characters; the limit is ${MAX_STRING_LENGTH}. ${at(11)}`,
    );
  });

  it(`stops at ${MAX_BUILT_CHARACTERS} characters built, however they are spread over strings`, async () => {
    // 100 strings of 0.5 MiB, each joined with each: 10,000 strings of 1 MiB, 10 GB, in bounds one by one.
    const input = Array.from({ length: 100 }, (_, i) => claim("s", `${i}`.padEnd(512 * 1024, "x")));
    const policy = issuance([
      'a:[type=="s"] && b:[type=="s"] => add(type="t", value=AppendString(a.value, b.value));',
    ]);
    const result = await run(policy, input, { trace: false });
    expect(result.error?.message).toBe(
      `Policy Engine Exception: Evaluation stopped: the policy built more than ${MAX_BUILT_CHARACTERS} characters of strings. ${at(1)}`,
    );
  });

  it("stops at its deadline, read from the clock it is given, in the rule that was running", async () => {
    let now = 0;
    // Each read of this clock moves it on 1 ms: the deadline of 5 ms is met on the 6th read.
    const clock = () => now++;
    const policy = issuance([
      'c:[type=="n"] => issue(type="seen", value=true);',
      '=> issue(type="after", value=1);',
    ]);
    const input = Array.from({ length: 10_000 }, (_, i) => claim("m", i));
    const result = await run(policy, input, { trace: false, timeLimitMs: 5, clock });
    expect(result.error?.message).toBe(
      `Policy Engine Exception: Evaluation stopped: it ran longer than 5 ms, the limit of one evaluation. ${at(1)}`,
    );
    expect(result.issued).toEqual([]);
  });

  it("evaluates an ordinary policy well inside every bound", async () => {
    const policy = issuance(['c:[type=="n"] => issue(claim=c);']);
    const input = Array.from({ length: 1_000 }, (_, i) => claim("n", i));
    const result = await run(policy, input, { trace: false });
    expect([result.outcome, result.issued.length]).toEqual(["permit", 1_000]);
  });
});
