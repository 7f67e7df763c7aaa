import { describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  createUnsignedPolicyToken,
  decodePolicyToken,
  encodeUnsecuredJws,
  UNSIGNED_RESET_TOKEN,
} from "@maa-policy/tokens";
import { restErrorBody } from "@maa-policy/parser";

const draft = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
const none = base64UrlEncode('{"alg":"none"}');
const json = (value: unknown) => base64UrlEncode(JSON.stringify(value));
const policyPayload = json({ AttestationPolicy: base64UrlEncode(draft) });

describe("createUnsignedPolicyToken / decodePolicyToken", () => {
  it.each([
    ["the draft policy", draft],
    ["non-ASCII text and CRLF", 'version=1.0;\r\nissuancerules{ => issue(type="é", value="€");};'],
    ["an empty policy", ""],
  ])("round-trips %s", (_name, text) => {
    const decoded = decodePolicyToken(createUnsignedPolicyToken(text));
    expect(decoded.ok && decoded.value.policy).toBe(text);
    expect(decoded.ok && [decoded.value.algorithm, decoded.value.encoding, decoded.value.claim]).toEqual([
      "none",
      "base64url",
      "AttestationPolicy",
    ]);
    expect(decoded.warnings).toEqual([]);
  });

  it("gives both hashes of the token", () => {
    const decoded = decodePolicyToken(createUnsignedPolicyToken(draft));
    expect(decoded.ok && [decoded.value.policyHash, decoded.value.policyTokenHash]).toEqual([
      "z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU",
      "c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ",
    ]);
  });

  it("decodes the reset token as no policy", () => {
    const decoded = decodePolicyToken(UNSIGNED_RESET_TOKEN);
    expect(decoded.ok && [decoded.value.policy, decoded.value.policyHash, decoded.value.claim]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe("decodePolicyToken warnings", () => {
  it.each([
    [
      "raw text (2018 preview)",
      `${none}.${json({ AttestationPolicy: draft })}.`,
      [
        {
          code: "raw-policy-text",
          message:
            'The "AttestationPolicy" claim holds raw policy text (the 2018-09-01-preview format); GA services expect base64url.',
        },
      ],
    ],
    [
      "the `text` claim of the docs' Python sample",
      `${none}.${json({ text: base64UrlEncode(draft) })}.`,
      [
        {
          code: "legacy-policy-claim",
          message: 'The policy is in a "text" claim; the service reads "AttestationPolicy".',
        },
      ],
    ],
  ])("accepts %s with a warning", (_name, token, warnings) => {
    const decoded = decodePolicyToken(token);
    expect(decoded.ok && decoded.value.policy).toBe(draft);
    expect(decoded.warnings).toEqual(warnings);
  });

  it("decodes the docs' RSA256 as RS256 with a warning", () => {
    const token = `${json({ alg: "RSA256", x5c: [] })}.${policyPayload}.AAAA`;
    const decoded = decodePolicyToken(token);
    expect(decoded.ok && decoded.value.algorithm).toBe("RS256");
    expect(decoded.warnings).toEqual([
      {
        code: "nonstandard-algorithm",
        message:
          '"RSA256" is not a JOSE algorithm name; it is read as "RS256", as the service reads it. Use "RS256".',
      },
    ]);
  });
});

const defaultSgxLike =
  'version= 1.0;authorizationrules{=> permit();};issuancerules{c:[type=="x"] => issue(type="y", value=c.value);};';
const invalidUtf8 = base64UrlEncode(new Uint8Array([0x7b, 0xff, 0x7d]));

describe("decodePolicyToken errors", () => {
  it.each([
    ["empty input", "", "Malformed JWT: Could not find first period in the token.", undefined],
    [
      "no period",
      "eyJhbGciOiJub25lIn0",
      "Malformed JWT: Could not find first period in the token.",
      undefined,
    ],
    [
      "one period",
      `${none}.${policyPayload}`,
      "Malformed JWT: Could not find second period in the token.",
      undefined,
    ],
    [
      "policy text, signature decoded first",
      defaultSgxLike,
      "Unknown base64 character: 41 (')')",
      [106, "signature"],
    ],
    [
      "a third period",
      `${none}.${policyPayload}.abc.def`,
      "Unknown base64 character: 46 ('.')",
      [168, "signature"],
    ],
    [
      "a newline after the token",
      `${none}.${policyPayload}.\n`,
      "Unknown base64 character: 10 ('\n')",
      [165, "signature"],
    ],
    [
      "truncated signature",
      `${none}.${policyPayload}.abcde`,
      "Invalid base64 length: 5 characters",
      [169, "signature"],
    ],
    ["bad header character", `ey J.${policyPayload}.`, "Unknown base64 character: 32 (' ')", [2, "header"]],
    ["bad payload character", `${none}.e30=.`, "Unknown base64 character: 61 ('=')", [23, "payload"]],
    [
      "header not UTF-8",
      `${invalidUtf8}.${policyPayload}.`,
      "Malformed JWT: the header is not valid UTF-8",
      [0, "header"],
    ],
    [
      "header not JSON",
      `${base64UrlEncode('{"alg":none}')}.${policyPayload}.`,
      "Malformed JWT: the header is not valid JSON: InvalidSymbol at character 8",
      [0, "header"],
    ],
    [
      "hostile nesting in the header",
      `${base64UrlEncode("[".repeat(40_000))}.${policyPayload}.`,
      "Malformed JWT: the header is nested more than 256 deep at character 257",
      [0, "header"],
    ],
    [
      "valid JSON nested too deep in the payload (the bound every JSON input has)",
      `${none}.${base64UrlEncode(`{"a":${"[".repeat(300)}${"]".repeat(300)}}`)}.`,
      "Malformed JWT: the payload is nested more than 256 deep at character 261",
      [20, "payload"],
    ],
    [
      "header an array",
      `${json(["none"])}.${policyPayload}.`,
      "Malformed JWT: the header is not a JSON object",
      [0, "header"],
    ],
    [
      "header without alg",
      `${json({})}.${policyPayload}.`,
      'Malformed JWT: the header has no "alg" string.',
      [0, "header"],
    ],
    [
      "unsupported alg",
      `${json({ alg: "HS256" })}.${policyPayload}.AAAA`,
      'Unsupported JWS algorithm "HS256": use one of none, RS256, ES256.',
      [0, "header"],
    ],
    [
      "alg none with a signature",
      `${none}.${policyPayload}.AAAA`,
      'Malformed JWT: an unsecured token ("alg":"none") must have an empty signature.',
      [165, "signature"],
    ],
    [
      "signed alg without signature",
      `${json({ alg: "RS256" })}.${policyPayload}.`,
      'Malformed JWT: a token signed with "RS256" has an empty signature.',
      [166, "signature"],
    ],
    [
      "payload not JSON",
      `${none}.${base64UrlEncode('{"AttestationPolicy":}')}.`,
      "Malformed JWT: the payload is not valid JSON: ValueExpected at character 22",
      [20, "payload"],
    ],
    [
      "payload a string",
      `${none}.${json("policy")}.`,
      "Malformed JWT: the payload is not a JSON object",
      [20, "payload"],
    ],
    [
      "no policy claim",
      `${none}.${json({ policy: base64UrlEncode(draft) })}.`,
      'Could not find "AttestationPolicy" claim in policy token',
      [20, "payload"],
    ],
    [
      "claim not a string",
      `${none}.${json({ AttestationPolicy: 1 })}.`,
      'The "AttestationPolicy" claim is not a string.',
      [20, "payload"],
    ],
    [
      "claim not UTF-8",
      `${none}.${json({ AttestationPolicy: invalidUtf8 })}.`,
      'The "AttestationPolicy" claim does not decode to UTF-8 text.',
      [20, "payload"],
    ],
  ])("rejects %s", (_name, token, message, at) => {
    const location = at ? { location: { offset: at[0], segment: at[1] } } : {};
    expect(decodePolicyToken(token)).toEqual({
      ok: false,
      error: { code: "InvalidOperation", message, status: 400 },
      ...location,
      warnings: [],
    });
  });
});

describe("encodeUnsecuredJws", () => {
  it("is what createUnsignedPolicyToken sends", () => {
    expect(createUnsignedPolicyToken(draft)).toBe(
      encodeUnsecuredJws({ alg: "none" }, { AttestationPolicy: base64UrlEncode(draft) }),
    );
  });
});

describe("REST bodies of token errors", () => {
  const envelope = (detail: string) =>
    `Attestation Enclave operation failed with 74: Exception(0) 83FF004A Bad message    Msg:[${detail}] \n\r\nUnhandled Enclave Exception: "Bad message"\r\n`;

  it.each([
    ["policy text sent as a token", defaultSgxLike, "Unknown base64 character: 41 (')')"],
    ["a body that is not a JWS", "MIIC", "Malformed JWT: Could not find first period in the token."],
  ])("answers %s with the service's HTTP 400 body", (_name, token, detail) => {
    const result = decodePolicyToken(token);
    const message = envelope(detail);
    expect(!result.ok && restErrorBody(result.error)).toEqual({
      error: { code: "InvalidOperation", message, innererror: { code: "InvalidOperation", message } },
    });
  });
});
