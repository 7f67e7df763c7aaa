import { describe, expect, test } from "vitest";
import { pairs, run, runUnchecked } from "./helpers.js";

const PCRS = JSON.stringify({ PCRs: [{ Index: 0, Digests: { SHA1: "KCk6Ow" } }] });
const issuance = (rules: string, version = "1.2") =>
  `version=${version}; authorizationrules { => permit(); }; issuancerules { ${rules} };`;

describe("read-only claims (spec §1.6: pcrs)", () => {
  test.each([
    ["issue of the value", 'c:[type=="pcrs"] => issue(type="p", value=c.value);', "p"],
    ["issue through JmesPath", 'c:[type=="pcrs"] => issue(type="p", value=JmesPath(c.value, "PCRs"));', "p"],
    ["issue(claim=c)", 'c:[type=="pcrs"] => issue(claim=c);', "pcrs"],
    ["issueproperty", 'c:[type=="pcrs"] => issueproperty(type="p", value=c.value);', "p"],
  ])("%s is a PolicyEvaluationError", async (_name, rule, type) => {
    const result = await runUnchecked(issuance(rule), { pcrs: PCRS });
    expect(result.outcome).toBe("error");
    expect(result.failure?.detail).toBe(
      `'${type}' cannot be issued: its value comes from a read-only claim (pcrs), which can only be used to validate measurements.`,
    );
  });

  test("add keeps the taint, so a later issue of the added claim fails", async () => {
    const result = await runUnchecked(
      issuance(
        'c:[type=="pcrs"] => add(type="copy", value=JmesPath(c.value, "PCRs")); c:[type=="copy"] => issue(type="p", value=c.value);',
      ),
      { pcrs: PCRS },
    );
    expect(pairs(result.incoming).map(([t]) => t)).toEqual(["pcrs", "copy"]);
    expect(result.failure?.index).toBe(1);
  });

  test("the taint is of one evaluation: a claim it made read-only, given back as input, is not", async () => {
    const added = await runUnchecked(
      issuance('c:[type=="pcrs"] => add(type="copy", value=JmesPath(c.value, "PCRs"));'),
      { pcrs: PCRS },
    );
    const copy = added.incoming?.find((c) => c.type === "copy");
    if (!copy) throw new Error("the copy was not added");
    // The service keeps nothing between requests: the same claim object is an ordinary input now
    // (read by issuer, so that the taint is looked for, as it is not where no claim can be read-only).
    const again = await runUnchecked(
      issuance('c:[issuer=="AttestationPolicy"] => issue(type="p", value=c.value);'),
      [copy],
    );
    expect(again.error).toBeUndefined();
    expect(pairs(again.issued)).toEqual([["p", copy.value]]);
  });

  test("never-read-only functions clear the taint: IsSubsetOf, ContainsOnlyValue", async () => {
    const result = await run(
      issuance(
        'c:[type=="pcrs"] => issue(type="p", value=ContainsOnlyValue(JsonToClaimValue(JmesPath(c.value, "PCRs[*].Index")), 0));',
      ),
      { pcrs: PCRS },
    );
    expect(pairs(result.issued)).toEqual([["p", true]]);
  });

  test("a read-only value may be compared in a condition (corpus 92)", async () => {
    const rule =
      'c:[type == "pcrs", issuer=="AttestationService"] && c1:[type=="pcrMatchesExpectedValue", value==JsonToClaimValue(JmesPath(c.value, "PCRs[? Index == `0`].Digests.SHA1 | @[0] == `\\"KCk6Ow\\"`"))] => issue(claim = c1);';
    const result = await run(issuance(rule), { pcrs: PCRS, pcrMatchesExpectedValue: true });
    expect(result.error).toBeUndefined();
    expect(pairs(result.issued)).toEqual([["pcrMatchesExpectedValue", true]]);
  });
});

describe("engine properties (spec §1.5, §2.7)", () => {
  test("defaults", async () => {
    const result = await run(issuance("", "1.0"), {});
    expect(result.engine).toEqual({
      "x-ms-sgx-tcbidentifier": "azuredefault",
      require_valid_aik_cert: true,
      required_pcr_mask: 0xffffff,
      omit_x5c: false,
      report_validity_in_minutes: 1440,
    });
  });

  test("issueproperty sets them; the last one wins", async () => {
    const text =
      'version=1.1; configurationrules { => issueproperty(type="required_pcr_mask", value=15); => issueproperty(type="require_valid_aik_cert", value=false); => issueproperty(type="x-ms-sgx-tcbidentifier", value="10"); => issueproperty(type="x-ms-sgx-tcbidentifier", value="11"); }; authorizationrules { => permit(); }; issuancerules { => issueproperty(type="omit_x5c", value=true); => issueproperty(type="report_validity_in_minutes", value=60); };';
    const result = await run(text, {});
    expect(result.engine).toEqual({
      "x-ms-sgx-tcbidentifier": "11",
      require_valid_aik_cert: false,
      required_pcr_mask: 15,
      omit_x5c: true,
      report_validity_in_minutes: 60,
    });
    expect(pairs(result.properties).map(([t]) => t)).toEqual([
      "required_pcr_mask",
      "require_valid_aik_cert",
      "x-ms-sgx-tcbidentifier",
      "x-ms-sgx-tcbidentifier",
      "omit_x5c",
      "report_validity_in_minutes",
    ]);
    expect(result.issued).toEqual([]);
  });

  test.each([
    [
      'type="required_pcr_mask", value="15"',
      "The engine property 'required_pcr_mask' takes an Integer, not the String \"15\".",
    ],
    [
      'type="required_pcr_mask", value=16777216',
      "The engine property 'required_pcr_mask' must be between 0 and 16777215, not 16777216.",
    ],
    [
      'type="report_validity_in_minutes", value=0',
      "The engine property 'report_validity_in_minutes' must be between 1 and 525600, not 0.",
    ],
    ['type="omit_x5c", value=1', "The engine property 'omit_x5c' takes a Boolean, not the Integer 1."],
  ])("issueproperty(%s) is a PolicyEvaluationError", async (args, detail) => {
    const result = await runUnchecked(
      `version=1.1; configurationrules { => issueproperty(${args}); }; authorizationrules { => permit(); }; issuancerules {};`,
      {},
    );
    expect(result.failure?.detail).toBe(detail);
    expect(result.failure?.section).toBe("configurationrules");
  });

  test("an unknown property is an ordinary property claim", async () => {
    const result = await run(issuance('=> issueproperty(type="custom", value=1);', "1.0"), {});
    expect(pairs(result.properties)).toEqual([["custom", 1]]);
  });
});
