import { describe, expect, test } from "vitest";
import { encodeUnsecuredJws } from "@maa-policy/tokens";
import { claimsFromJson, parseClaims } from "@maa-policy/evaluator";
import { claim } from "./helpers.js";

describe("incoming claims: valid input", () => {
  test.each([
    [
      "(a) an array of claims",
      '[{"type":"x","value":1},{"type":"y","value":"s","issuer":"CustomClaim","valueType":"String"}]',
      [claim("x", 1), claim("y", "s", "CustomClaim")],
      "array",
    ],
    [
      "(a) a JSON value becomes JSON text",
      '[{"type":"events","value":{"Events":[]}}]',
      [claim("events", '{"Events":[]}')],
      "array",
    ],
    [
      "(b) an object of type to value",
      '{"a":true,"b":-2,"c":"s"}',
      [claim("a", true), claim("b", -2), claim("c", "s")],
      "object",
    ],
    [
      "(b) an array of scalars is several claims",
      '{"m":["a","b",1]}',
      [claim("m", "a"), claim("m", "b"), claim("m", 1)],
      "object",
    ],
    [
      "(b) an array holding objects is JSON text",
      '{"keys":[{"kty":"RSA"}]}',
      [claim("keys", '[{"kty":"RSA"}]')],
      "object",
    ],
    [
      "(b) an object is JSON text",
      '{"x-ms-runtime":{"jwk":{"kty":"EC"}}}',
      [claim("x-ms-runtime", '{"jwk":{"kty":"EC"}}')],
      "object",
    ],
    ["(b) an empty array is no claim", '{"m":[]}', [], "object"],
    ["whitespace around JSON", '\n  {"a":1}\n', [claim("a", 1)], "object"],
  ])("%s", (_name, text, expected, format) => {
    expect(parseClaims(text)).toEqual({ ok: true, claims: expected, format });
  });

  test("(c) an attestation token: its claims, less the JWT's and the policy's own", () => {
    const token = encodeUnsecuredJws(
      { alg: "none" },
      {
        iss: "https://x",
        iat: 1,
        nbf: 1,
        exp: 2,
        jti: "j",
        "x-ms-policy-hash": "h",
        "x-ms-policy": { "custom-name": "v" },
        "custom-name": "v",
        "x-ms-sgx-svn": 1,
        "x-ms-sgx-collateral": { a: "b" },
      },
    );
    expect(parseClaims(`${token}\n`)).toEqual({
      ok: true,
      claims: [claim("x-ms-sgx-svn", 1), claim("x-ms-sgx-collateral", '{"a":"b"}')],
      format: "token",
    });
  });
});

describe("incoming claims: malformed input names the JSON path, never throws", () => {
  test.each([
    [
      "empty",
      "",
      "Invalid incoming claims: expected a JSON array of claims, a JSON object of claim types to values, or an attestation token (JWT)",
    ],
    [
      "syntax error",
      '[\n  {"type": "x", "value": }\n]',
      "Invalid incoming claims: invalid JSON: value expected (line 2, column 26)",
    ],
    [
      "trailing comma",
      '{"a": 1,}',
      "Invalid incoming claims: invalid JSON: property name expected (line 1, column 9)",
    ],
    [
      "truncated",
      '{"a": [1, 2',
      "Invalid incoming claims: invalid JSON: close bracket expected (line 1, column 12)",
    ],
    [
      "invalid, and deep past a string cut by a line break",
      `["\n${"[".repeat(5_000)}`,
      "Invalid incoming claims: JSON nested more than 256 deep (line 2, column 256)",
    ],
    [
      "nested deeper than the limit (the object around the value is the first level)",
      `{"a": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      "Invalid incoming claims: JSON nested more than 256 deep (line 1, column 262)",
    ],
    [
      "a fraction",
      '{"a": 1.5}',
      "Invalid incoming claims: $.a: 1.5 is not an integer; claim values are strings, integers or booleans (line 1, column 7)",
    ],
    [
      "null",
      '{"x-ms-sgx-svn": null}',
      'Invalid incoming claims: $["x-ms-sgx-svn"]: null is not a claim value (strings, integers, booleans, or JSON objects) (line 1, column 18)',
    ],
    [
      "null inside a set",
      '{"m": [1, null]}',
      "Invalid incoming claims: $.m[1]: null is not a claim value (strings, integers, booleans, or JSON objects) (line 1, column 11)",
    ],
    [
      "an entry that is not an object",
      '[{"type":"x","value":1}, 3]',
      "Invalid incoming claims: $[1]: each claim must be an object {type, value, issuer?, valueType?} (line 1, column 26)",
    ],
    [
      "a missing type",
      '[{"value":1}]',
      "Invalid incoming claims: $[0].type: type must be a non-empty string",
    ],
    [
      "a missing value",
      '[{"type":"x"}]',
      "Invalid incoming claims: $[0]: value is missing (line 1, column 2)",
    ],
    [
      "an unknown property",
      '[{"type":"x","value":1,"Issuer":"y"}]',
      "Invalid incoming claims: $[0].Issuer: unknown property 'Issuer' (expected type, value, issuer, valueType) (line 1, column 33)",
    ],
    [
      "a valueType that does not match",
      '[{"type":"x","value":"1","valueType":"Integer"}]',
      'Invalid incoming claims: $[0].valueType: valueType "Integer" does not match the String value (line 1, column 38)',
    ],
    [
      "an unknown valueType",
      '[{"type":"x","value":"1","valueType":"Set"}]',
      'Invalid incoming claims: $[0].valueType: valueType "Set" does not match the String value (String, Integer or Boolean) (line 1, column 38)',
    ],
    [
      "a claim type twice (JSON.parse would keep the last)",
      '{"x-ms-sgx-svn": 1,\n "x-ms-sgx-svn": 2}',
      'Invalid incoming claims: duplicate key "x-ms-sgx-svn" (line 2, column 2)',
    ],
    [
      "a key twice inside a JSON claim value, spelt once with an escape",
      '{"x-ms-runtime": {"kty": "EC", "\\u006bty": "RSA"}}',
      'Invalid incoming claims: duplicate key "kty" (line 1, column 32)',
    ],
    [
      "a member twice in a claim of the array form",
      '[{"type": "a", "value": 1, "type": "b"}]',
      'Invalid incoming claims: duplicate key "type" (line 1, column 28)',
    ],
    [
      "a token whose payload has a claim twice",
      `eyJhbGciOiJub25lIn0.${btoa('{"a":1,"a":2}').replace(/=+$/, "")}.`,
      'Invalid incoming claims: token payload duplicate key "a" (line 1, column 8)',
    ],
    [
      "a top-level scalar in brackets",
      "[1",
      "Invalid incoming claims: invalid JSON: close bracket expected (line 1, column 3)",
    ],
    [
      "a token with a bad payload",
      "eyJhbGciOiJub25lIn0.e30*.",
      "Invalid incoming claims: expected a JSON array of claims, a JSON object of claim types to values, or an attestation token (JWT)",
    ],
    [
      "a token whose payload is not JSON",
      `eyJhbGciOiJub25lIn0.${btoa("{nope").replace(/=+$/, "")}.`,
      "Invalid incoming claims: token payload invalid JSON: invalid symbol (line 1, column 2)",
    ],
    [
      "a token whose payload is an array",
      "eyJhbGciOiJub25lIn0.W10.",
      "Invalid incoming claims: token payload $: the token's payload must be a JSON object (line 1, column 1)",
    ],
    [
      "a token whose payload is not base64url",
      "eyJhbGciOiJub25lIn0.e.",
      "Invalid incoming claims: the token's payload is not base64url: Invalid base64 length: 1 characters",
    ],
  ])("%s", (_name, text, message) => {
    const result = parseClaims(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe(message);
      expect(result.error.code).toBe("InvalidParameter");
    }
  });
});

describe("incoming claims as data (a YAML test case)", () => {
  test("a value nested deeper than the limit is refused at its path", () => {
    let value: unknown = 1;
    for (let i = 0; i < 300; i++) value = [value];
    const result = claimsFromJson({ a: value });
    const path = `$.a${"[0]".repeat(255)}`;
    expect(result.ok ? "accepted" : [result.path, result.error.message]).toEqual([
      path,
      `Invalid incoming claims: ${path}: nested more than 256 deep`,
    ]);
  });
});

test("the same key in two different objects is no duplicate", () => {
  const parsed = parseClaims('{"a": {"b": 1}, "c": {"b": 2}}');
  expect(parsed.ok && parsed.claims.map((c) => c.value)).toEqual(['{"b":1}', '{"b":2}']);
});
