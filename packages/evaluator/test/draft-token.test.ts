import { describe, expect, test } from "vitest";
import { draftToken } from "@maa-policy/evaluator";
import { base64UrlDecode, encodeUnsecuredJws, policyHash } from "@maa-policy/tokens";
import { claim, run } from "./helpers.js";

const POLICY =
  'version= 1.0;authorizationrules{=> permit();};issuancerules{c:[type=="x-ms-sgx-mrsigner"] => issue(type="custom-name", value=c.value);c:[type=="m"] => issue(type="many", value=c.value);};';
const INPUT = [
  claim("x-ms-sgx-mrsigner", "4aea"),
  claim("x-ms-sgx-svn", 1),
  claim("x-ms-attestation-type", "sgx"),
  claim("x-ms-sgx-collateral", '{"quotehash":"ab"}'),
  claim("$is-debuggable", true),
  claim("m", 1),
  claim("m", 2),
];

function decode(part: string): unknown {
  const bytes = base64UrlDecode(part);
  if (!bytes.ok) throw new Error(bytes.error.message);
  return JSON.parse(new TextDecoder().decode(bytes.value));
}

describe("draft token (spec §4.6)", () => {
  test("an unsecured JWT with the issued claims at top level and under x-ms-policy, reproducible", async () => {
    const result = await run(POLICY, INPUT);
    const token = draftToken(result, {
      policyText: POLICY,
      now: 1668716909,
      issuer: "https://example.attest.azure.net",
    });
    if (!token.ok) throw new Error(token.error.message);
    const [header, body, signature] = token.token.split(".");
    expect(signature).toBe("");
    expect(decode(header)).toEqual({ alg: "none", typ: "JWT" });
    const policyClaims = { "custom-name": "4aea", many: [1, 2] };
    const expected = {
      "custom-name": "4aea",
      exp: 1668716909 + 8 * 3600,
      iat: 1668716909,
      iss: "https://example.attest.azure.net",
      many: [1, 2],
      nbf: 1668716909,
      "x-ms-attestation-type": "sgx",
      "x-ms-policy": policyClaims,
      "x-ms-policy-hash": policyHash(POLICY),
      "x-ms-sgx-collateral": { quotehash: "ab" },
      "x-ms-sgx-mrsigner": "4aea",
      "x-ms-sgx-svn": 1,
      "x-ms-sgx-tcbidentifier": "azuredefault",
      "x-ms-ver": "1.0",
    };
    const decoded = decode(body) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(Object.keys({ ...expected, jti: "" }).sort());
    expect(decoded).toMatchObject(expected);
    expect(decoded.jti).toMatch(/^[0-9a-f]{64}$/);
    expect(token.token).toBe(encodeUnsecuredJws({ alg: "none", typ: "JWT" }, decoded));
    // Same inputs, same token; another clock, another jti.
    const again = draftToken(result, {
      policyText: POLICY,
      now: 1668716909,
      issuer: "https://example.attest.azure.net",
    });
    expect(again.ok && again.token).toBe(token.token);
    const later = draftToken(result, {
      policyText: POLICY,
      now: new Date(1668716910_000),
      issuer: "https://example.attest.azure.net",
    });
    expect(later.ok && (later.body.jti as string)).not.toBe(decoded.jti);
  });

  test("report_validity_in_minutes, when the policy sets it, is the lifetime; jti and type can be given; nothing issued, no x-ms-policy (§8.1)", async () => {
    const text =
      'version=1.0; authorizationrules { => permit(); }; issuancerules { => issueproperty(type="report_validity_in_minutes", value=60); };';
    const result = await run(text, {});
    const token = draftToken(result, { policyText: text, now: 100, jti: "j", attestationType: "tpm" });
    expect(token.ok && token.body).toEqual({
      exp: 100 + 3600,
      iat: 100,
      iss: "https://localhost",
      jti: "j",
      nbf: 100,
      "x-ms-attestation-type": "tpm",
      "x-ms-policy-hash": policyHash(text),
      "x-ms-ver": "1.0",
    });
  });

  test("a signed policy's signer is x-ms-policy-signer, in the body's sorted place", async () => {
    const text = "version=1.0; authorizationrules { => permit(); };";
    const signer = { kty: "RSA", x5c: ["MIIB"] };
    const token = draftToken(await run(text, {}), {
      policyText: text,
      now: 100,
      jti: "j",
      policySigner: signer,
    });
    expect(token.ok && Object.keys(token.body)).toEqual([
      "exp",
      "iat",
      "iss",
      "jti",
      "nbf",
      "x-ms-policy-hash",
      "x-ms-policy-signer",
      "x-ms-ver",
    ]);
    expect(token.ok && token.body["x-ms-policy-signer"]).toEqual(signer);
  });

  test("a failed evaluation has no token, only the service's error", async () => {
    const text = "version=1.0; authorizationrules { => deny(); }; issuancerules {};";
    const token = draftToken(await run(text, {}), { policyText: text });
    expect(token).toEqual({
      ok: false,
      error: {
        code: "PolicyEvaluationError",
        message: "Policy Engine Exception: A Deny claim was issued, authorization failed.",
        status: 400,
      },
    });
  });
});

describe("trace", () => {
  test("every rule with its range, conditions, bindings and products", async () => {
    const text =
      'version=1.2;\nauthorizationrules {\n  c:[type=="a"] && ![type=="b"] => permit();\n};\nissuancerules {\n  [type=="z"] && [type=="a"] => issue(type="no", value=1);\n  c:[type=="a"] => issue(type="yes", value=c.value);\n};';
    const result = await run(text, { a: [1, 2] });
    const a = [claim("a", 1), claim("a", 2)];
    expect(result.trace).toEqual([
      {
        section: "authorizationrules",
        index: 0,
        range: expect.objectContaining({
          start: { line: 2, character: 2, offset: text.indexOf("c:[") },
        }) as unknown,
        action: "permit",
        fired: true,
        conditions: [
          { range: expect.anything() as unknown, negated: false, held: true, identifier: "c", matched: a },
          {
            range: expect.anything() as unknown,
            negated: true,
            held: true,
            identifier: undefined,
            matched: [],
          },
        ],
        produced: [],
      },
      // Conditions after the first that fails are not tested.
      {
        section: "issuancerules",
        index: 0,
        range: expect.anything() as unknown,
        action: "issue",
        fired: false,
        conditions: [
          {
            range: expect.anything() as unknown,
            negated: false,
            held: false,
            identifier: undefined,
            matched: [],
          },
        ],
        produced: [],
      },
      {
        section: "issuancerules",
        index: 1,
        range: expect.anything() as unknown,
        action: "issue",
        fired: true,
        conditions: [
          { range: expect.anything() as unknown, negated: false, held: true, identifier: "c", matched: a },
        ],
        produced: [claim("yes", 1, "AttestationPolicy"), claim("yes", 2, "AttestationPolicy")],
      },
    ]);
    expect(result.trace?.[1]?.range.start).toEqual({
      line: 5,
      character: 2,
      offset: text.indexOf('[type=="z"]'),
    });
  });

  test("trace: false records nothing and decides the same", async () => {
    const text =
      'version=1.0; authorizationrules { [type=="a"] => permit(); }; issuancerules { c:[type=="a"] => issue(type="y", value=c.value); };';
    const traced = await run(text, { a: 1 });
    const untraced = await run(text, { a: 1 }, { trace: false });
    expect(untraced.trace).toBeUndefined();
    expect(untraced.incoming).toBeUndefined();
    expect({ ...untraced, trace: traced.trace, incoming: traced.incoming }).toEqual(traced);
  });
});

describe("draft token: claim values", () => {
  test("a JSON value too deep to write back out stays the string it came as", async () => {
    const deep = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const text =
      'version=1.0; authorizationrules{=> permit();}; issuancerules{c:[type=="x"] => issue(claim=c);};';
    const token = draftToken(await run(text, [claim("x", deep)]), { policyText: text, now: 1, jti: "j" });
    if (!token.ok) throw new Error(token.error.message);
    expect((decode(token.token.split(".")[1]) as { x: unknown }).x).toBe(deep);
  });
});
