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

/** The error of an evaluation stopped at its deadline of 5 ms in rule `rule`. */
const late = (rule: number) =>
  `Policy Engine Exception: Evaluation stopped: it ran longer than 5 ms, the limit of one evaluation. ${at(rule)}`;

/** A clock at 0 on its first read that moves on `step` ms at each read. */
function clockOf(step: number): () => number {
  let now = -step;
  return () => (now += step);
}

/** `rules` over `count` claims of type "m" (values 0, 1, ...), with 5 ms to run by `clock`. */
function underDeadline(rules: readonly string[], count: number, clock: () => number) {
  const input = Array.from({ length: count }, (_, i) => claim("m", i));
  return run(issuance(rules), input, { trace: false, timeLimitMs: 5, clock });
}

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
    // The clock starts at its first read, after 1,024 claims; each read moves it on 1 ms, so the
    // deadline of 5 ms is passed at the 7th read, after 7,168 of rule 1's 10,000.
    const rules = ['c:[type=="n"] => issue(type="seen", value=true);', '=> issue(type="after", value=1);'];
    const result = await underDeadline(rules, 10_000, clockOf(1));
    expect(result.error?.message).toBe(late(1));
    expect(result.issued).toEqual([]);
  });

  // Every way a condition scans the claims (the specialised shapes and the generic closure).
  it.each([
    'c:[type=="m", value>=20000] => issue(claim=c);',
    '[type=="m", value=="x"] => issue(type="seen", value=true);',
    '[type=="m", value>=20000] => issue(type="seen", value=true);',
    '![type=="m", value=="x"] => issue(type="seen", value=true);',
    '[value=="x"] => issue(type="seen", value=true);',
  ])("stops at its deadline while scanning: %s", async (rule) => {
    expect((await underDeadline([rule], 10_000, clockOf(1))).error?.message).toBe(late(1));
  });

  it("starts the clock before a function runs, so that the function's time counts", async () => {
    // 10 ms a read: read when AppendString runs (deadline 5), then after 1,024 units of work.
    // Started only after 1,024 units, the clock would be read next at 2,048: never.
    const rules = [
      '=> add(type="s", value=AppendString("a", "b"));',
      'c:[type=="n"] => issue(type="seen", value=true);',
    ];
    expect((await underDeadline(rules, 1_500, clockOf(10))).error?.message).toBe(late(2));
  });

  it("never reads the clock in an evaluation of fewer than 1,024 units of work without a function", async () => {
    let reads = 0;
    const clock = () => reads++;
    const rules = ['c:[type=="m"] => issue(claim=c);', '![type=="n"] => issue(type="none", value=1);'];
    const result = await underDeadline(rules, 100, clock);
    expect([result.outcome, result.issued.length, reads]).toEqual(["permit", 101, 0]);
  });

  it("evaluates an ordinary policy well inside every bound", async () => {
    const policy = issuance(['c:[type=="n"] => issue(claim=c);']);
    const input = Array.from({ length: 1_000 }, (_, i) => claim("n", i));
    const result = await run(policy, input, { trace: false });
    expect([result.outcome, result.issued.length]).toEqual(["permit", 1_000]);
  });
});
