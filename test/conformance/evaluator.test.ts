import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Claim } from "@maa-policy/parser";
import {
  draftToken,
  loadPolicy,
  NO_PERMIT_MESSAGE,
  parseClaims,
  type EvaluationResult,
} from "@maa-policy/evaluator";
import { base64UrlDecode } from "@maa-policy/tokens";
import { CORPUS_DIR, describeShared, GROUND_TRUTH_DIR } from "./shared.js";

const read = (dir: string, prefix: string) => readFileSync(join(dir, prefixed(dir, prefix)), "utf8");
function prefixed(dir: string, prefix: string): string {
  return prefix.includes(".") ? prefix : (readdirSync(dir).find((f) => f.startsWith(`${prefix}-`)) ?? prefix);
}

function body(token: string): Record<string, unknown> {
  const bytes = base64UrlDecode(token.trim().split(".")[1]);
  if (!bytes.ok) throw new Error(bytes.error.message);
  return JSON.parse(new TextDecoder().decode(bytes.value)) as Record<string, unknown>;
}

/**
 * The evidence's incoming claims, through the attestation-token input: the recorded token's
 * `x-ms-sgx-*` claims and its attestation type (spec §6.3), plus, for the OE report, the
 * deprecated `$`-aliases the default policies read (§2.6).
 */
function incoming(tokenFile: string, aliases: boolean): Claim[] {
  const parsed = parseClaims(read(GROUND_TRUTH_DIR, tokenFile));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const evidence = parsed.claims.filter(
    (c) => c.type.startsWith("x-ms-sgx-") || c.type === "x-ms-attestation-type",
  );
  if (!aliases) return evidence;
  const alias = (from: string, to: string) =>
    evidence.filter((c) => c.type === from).map((c) => ({ ...c, type: to }));
  return [
    ...evidence,
    ...alias("x-ms-sgx-is-debuggable", "$is-debuggable"),
    ...alias("x-ms-sgx-product-id", "$product-id"),
    ...alias("x-ms-sgx-mrsigner", "$sgx-mrsigner"),
    ...alias("x-ms-sgx-mrenclave", "$sgx-mrenclave"),
    ...alias("x-ms-sgx-svn", "$svn"),
    ...alias("x-ms-attestation-type", "$tee"),
  ];
}

async function evaluate(policyText: string, claims: Claim[]): Promise<EvaluationResult> {
  const loaded = await loadPolicy(policyText);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  return loaded.policy.evaluate(claims);
}

const OE_TOKEN = "java-rec-attest-openenclave-shared-default-policy.jwt";
const CPP_TOKEN = "cpp-rec-draftpolicy-attest-sgx-shared.jwt";
const JAVA_DRAFT_TOKEN = "java-rec-draftpolicy-attest-sgx.jwt";
const MINIMAL = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";

describeShared("evaluator against the recorded service (spec §6.3)", () => {
  it("the incoming claims of the OE report are the quote's", () => {
    const claims = incoming(OE_TOKEN, false);
    expect(
      claims
        .filter((c) => c.valueType !== "String" || c.value.toString().length < 70)
        .map((c) => [c.type, c.value]),
    ).toEqual([
      ["x-ms-attestation-type", "sgx"],
      ["x-ms-sgx-is-debuggable", false],
      ["x-ms-sgx-mrenclave", "b779202618becb636768e5d902f28d524222735fafb539ea9ba07c3fc171a1c2"],
      ["x-ms-sgx-mrsigner", "2c1a44952ae8207135c6c29b75b8c029372ee94b677e15c20bd42340f10d41aa"],
      ["x-ms-sgx-product-id", 1],
      ["x-ms-sgx-svn", 1],
    ]);
  });

  it("corpus 20 (the 2021 default) permits and issues exactly what the service issued", async () => {
    const recorded = body(read(GROUND_TRUTH_DIR, OE_TOKEN));
    const result = await evaluate(read(CORPUS_DIR, "20"), incoming(OE_TOKEN, true));
    expect(result.outcome).toBe("permit");
    const types = ["is-debuggable", "sgx-mrsigner", "sgx-mrenclave", "product-id", "svn", "tee"];
    expect(result.issued.map((c) => [c.type, c.value])).toEqual(types.map((t) => [t, recorded[t]]));
    expect(recorded["x-ms-policy-hash"]).toBe("bROrN897ZfWmWY2V0FLUlu3uwk5xatGnKYHn3zBbSlw");
    const token = draftToken(result, { policyText: read(CORPUS_DIR, "20"), now: recorded.iat as number });
    expect(token.ok && token.body["x-ms-policy-hash"]).toBe(recorded["x-ms-policy-hash"]);
  });

  it("corpus 31 (JS sample) permits the same report and issues My-MrSigner", async () => {
    const result = await evaluate(read(CORPUS_DIR, "31"), incoming(OE_TOKEN, true));
    expect(result.outcome).toBe("permit");
    expect(result.issued.map((c) => [c.type, c.value])).toEqual([
      ["My-MrSigner", "2c1a44952ae8207135c6c29b75b8c029372ee94b677e15c20bd42340f10d41aa"],
    ]);
  });

  it("corpus 33 fails on the cpp quote with the recorded no-permit message", async () => {
    const result = await evaluate(read(CORPUS_DIR, "33"), incoming(CPP_TOKEN, false));
    expect(result.outcome).toBe("no-permit");
    expect(result.error).toEqual({ code: "PolicyEvaluationError", message: NO_PERMIT_MESSAGE, status: 400 });
    expect(NO_PERMIT_MESSAGE).toBe(
      "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.",
    );
  });

  it("corpus 32 permits the cpp quote; the draft token matches the recorded one claim for claim", async () => {
    const text = read(CORPUS_DIR, "32");
    const recorded = body(read(GROUND_TRUTH_DIR, CPP_TOKEN));
    const result = await evaluate(text, incoming(CPP_TOKEN, false));
    expect(result.issued.map((c) => [c.type, c.value])).toEqual([
      ["custom-name", "4aea5f9a0ed04b11f889aadfe6a1d376213a29a95a85ce7337ae6f7fece6610c"],
    ]);
    const token = draftToken(result, {
      policyText: text,
      now: recorded.iat as number,
      issuer: recorded.iss as string,
    });
    if (!token.ok) throw new Error(token.error.message);
    // Everything but the token's id and the deprecated duplicate of x-ms-sgx-collateral.
    const { jti: _j, "maa-attestationcollateral": _m, ...expected } = recorded;
    const { jti: _ours, ...ours } = token.body;
    expect(ours).toEqual(expected);
    expect(token.token.split(".")[2]).toBe("");
  });

  it("the minimal draft policy on the Java quote reproduces the recorded unsecured token's claims", async () => {
    const recorded = body(read(GROUND_TRUTH_DIR, JAVA_DRAFT_TOKEN));
    const parsed = parseClaims(read(GROUND_TRUTH_DIR, JAVA_DRAFT_TOKEN));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = await evaluate(MINIMAL, parsed.claims);
    const token = draftToken(result, {
      policyText: MINIMAL,
      now: recorded.iat as number,
      issuer: recorded.iss as string,
    });
    if (!token.ok) throw new Error(token.error.message);
    expect(token.body["x-ms-policy-hash"]).toBe("z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU");
    // The policy issued nothing: neither token has an x-ms-policy claim (spec §8.1).
    expect(["x-ms-policy" in token.body, "x-ms-policy" in recorded]).toEqual([false, false]);
    for (const key of [
      "exp",
      "iat",
      "nbf",
      "iss",
      "x-ms-attestation-type",
      "x-ms-policy-hash",
      "x-ms-runtime",
      "x-ms-sgx-collateral",
      "x-ms-sgx-mrsigner",
      "x-ms-sgx-report-data",
      "x-ms-ver",
    ]) {
      expect([key, token.body[key]]).toEqual([key, recorded[key]]);
    }
  });

  it.each([
    ["the minimal draft policy", () => MINIMAL, OE_TOKEN, "z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU"],
    ["corpus 20", () => read(CORPUS_DIR, "20"), OE_TOKEN, "bROrN897ZfWmWY2V0FLUlu3uwk5xatGnKYHn3zBbSlw"],
    ["corpus 32", () => read(CORPUS_DIR, "32"), CPP_TOKEN, "1wKUrF_E0X5CZUM9OMIF1PH3qn5iykWY_bWgBbiWJZ0"],
    ["corpus 37", () => read(CORPUS_DIR, "37"), OE_TOKEN, "ViVGS4BYl70X8eUrgryHg0TtbEk9WtIc6DtTBEFxaWc"],
  ])("the draft token of %s carries the recorded x-ms-policy-hash", async (_name, text, evidence, hash) => {
    const result = await evaluate(text(), incoming(evidence, evidence === OE_TOKEN));
    const token = draftToken(result, { policyText: text(), now: 0 });
    expect(token.ok && token.body["x-ms-policy-hash"]).toBe(hash);
  });
});
