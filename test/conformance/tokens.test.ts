import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  base64UrlEncode,
  createUnsignedPolicyToken,
  decodePolicyResult,
  decodePolicyToken,
  decomposeJws,
  payloadObject,
  policyHash,
  policyTokenHash,
  verifyJws,
} from "@maa-policy/tokens";
import { expect, it } from "vitest";
import { CORPUS_DIR, GROUND_TRUTH_DIR, describeShared } from "./shared.js";

/** The recorded files end in a newline that was not part of what the service sent. */
const token = (name: string) => readFileSync(join(GROUND_TRUTH_DIR, name), "utf8").trimEnd();
const corpus = (number: string) => {
  const file = readdirSync(CORPUS_DIR).find((name) => name.startsWith(`${number}-`))!;
  return readFileSync(join(CORPUS_DIR, file), "utf8");
};
const draft = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";

function claims(name: string): Readonly<Record<string, unknown>> {
  const parts = decomposeJws(token(name));
  if (!parts.ok) throw new Error(parts.error.message);
  const payload = payloadObject(parts.value);
  if (!payload.ok) throw new Error(payload.error.message);
  return payload.value;
}

describeShared("tokens against the recorded service", () => {
  it("builds the JS SDK's set-policy request byte for byte", () => {
    expect(createUnsignedPolicyToken(draft)).toBe(token("js-rec-set-policy-request.jwt"));
  });

  it("predicts the x-ms-policy-token-hash the service answered", () => {
    const response = decodePolicyResult(token("js-rec-set-policy-response.jwt"));
    expect(response.ok && [response.value.result, response.value.policyTokenHash]).toEqual([
      "Updated",
      policyTokenHash(token("js-rec-set-policy-request.jwt")),
    ]);
    expect(response.ok && response.value.policyTokenHash).toBe("c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ");
  });

  it("decodes the stored policy of a GET response to corpus 20 and its recorded hash", () => {
    const response = decodePolicyResult(token("java-rec-getpolicy-openenclave-shared.jwt"));
    const stored = response.ok ? response.value.storedPolicy : undefined;
    expect(stored?.policy).toBe(corpus("20"));
    expect(stored?.policyHash).toBe("bROrN897ZfWmWY2V0FLUlu3uwk5xatGnKYHn3zBbSlw");
    expect(claims("java-rec-attest-openenclave-shared-default-policy.jwt")["x-ms-policy-hash"]).toBe(
      stored?.policyHash,
    );
  });

  it.each([
    ["java-rec-draftpolicy-attest-sgx.jwt", () => draft],
    ["cpp-rec-draftpolicy-attest-sgx-shared.jwt", () => corpus("32")],
  ])("computes the x-ms-policy-hash recorded in %s", (name, text) => {
    expect(policyHash(text())).toBe(claims(name)["x-ms-policy-hash"]);
  });

  it("rejects the default SGX policy sent as a token exactly as the service does (spec §3.2)", () => {
    const text = corpus("20");
    const result = decodePolicyToken(text);
    expect(!result.ok && result.error).toEqual({
      code: "InvalidOperation",
      message: "Unknown base64 character: 41 (')')",
      status: 400,
    });
    expect(!result.ok && result.location && text[result.location.offset]).toBe(")");
  });

  it("decodes the docs' unsigned example to corpus 04", () => {
    const result = decodePolicyToken(token("docs-policy-examples-unsigned.jwt"));
    expect(result.ok && result.value.policy).toBe(corpus("04"));
    expect(result.warnings).toEqual([]);
  });

  it("decodes the docs' signed example (alg RSA256) to corpus 05, with a warning", () => {
    const result = decodePolicyToken(token("docs-policy-examples-signed.jwt"));
    expect(result.ok && [result.value.policy, result.value.algorithm]).toEqual([corpus("05"), "RS256"]);
    expect(result.warnings).toEqual([
      {
        code: "nonstandard-algorithm",
        message:
          '"RSA256" is not a JOSE algorithm name; it is read as "RS256", as the service reads it. Use "RS256".',
      },
    ]);
  });

  it("verifies the docs' signed example as RS256, as the service accepted it (spec §8.1), with a warning", async () => {
    const parts = decomposeJws(token("docs-policy-examples-signed.jwt"));
    if (!parts.ok) throw new Error(parts.error.message);
    const result = await verifyJws(parts.value, { now: new Date("2021-01-01T00:00:00Z") });
    expect(result.ok && [result.value.algorithm, result.value.chain.map((c) => c.subject)]).toEqual([
      "RS256",
      ["CN=AttestationCertificate0"],
    ]);
    expect(result.ok && result.value.signer).toEqual({
      alg: "RS256",
      kty: "RSA",
      use: "sig",
      x5c: parts.value.header.x5c,
    });
    expect(result.warnings.map((w) => w.code)).toEqual(["nonstandard-algorithm"]);
  });

  it("verifies the same token with its certificate moved into jwk.x5c, as the service accepted it", async () => {
    const original = token("docs-policy-examples-signed.jwt");
    const parts = decomposeJws(original);
    if (!parts.ok) throw new Error(parts.error.message);
    // A changed header changes what the signature covers, so only the chain lookup is compared:
    // the signature check fails on the leaf found in jwk.x5c, not on a missing chain.
    const header = { alg: "RSA256", jwk: { x5c: parts.value.header.x5c } };
    const moved = decomposeJws(
      `${base64UrlEncode(JSON.stringify(header))}.${original.split(".").slice(1).join(".")}`,
    );
    if (!moved.ok) throw new Error(moved.error.message);
    const result = await verifyJws(moved.value, { now: new Date("2021-01-01T00:00:00Z") });
    expect(!result.ok && result.error.message).toBe(
      "The token signature does not verify with x5c[0] (CN=AttestationCertificate0).",
    );
    expect(result.warnings.map((w) => w.code)).toEqual(["nonstandard-algorithm", "chain-in-jwk"]);
  });
});
