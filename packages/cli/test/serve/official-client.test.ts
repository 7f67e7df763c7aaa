import { restErrorBody, serviceError } from "@maa-policy/parser";
import { SGX_DEFAULT_POLICY } from "@maa-policy/evaluator";
import { base64UrlEncode, createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { claimsOf, headerOf, startProvider, rejection } from "./fixture.js";
import { quote, ROOT_PUBLIC_KEY, RUNTIME } from "./evidence.js";
import { policySigner } from "./signers.js";

// The official client, unchanged, against policy-eval serve over HTTPS on loopback: every method.
const provider = await startProvider({ rootPublicKey: ROOT_PUBLIC_KEY });
afterAll(() => provider.stop());
const client = provider.client();
const admin = provider.admin();
const sgxQuote = await quote();
const oeReport = await quote({ openEnclave: true });
/** A PEM certificate's base64 DER, whatever its line breaks. */
const der = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");
const PERMIT_ISSUE = (value: number) =>
  `version=1.0; authorizationrules{=> permit();}; issuancerules{=> issue(type="in-force", value=${value});};`;

describe("AttestationClient", () => {
  it("getAttestationSigners: the one key of /certs, whose kid every token names", async () => {
    const signers = await client.getAttestationSigners();
    expect(signers).toHaveLength(1);
    expect(signers[0].certificates[0]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const attested = await client.attestSgxEnclave(sgxQuote);
    expect(headerOf(attested.token.serialize())).toEqual({
      alg: "RS256",
      jku: `${provider.endpoint}/certs`,
      kid: signers[0].keyId,
      typ: "JWT",
    });
  });

  it("getOpenIdMetadata: the service's document, for this instance", async () => {
    const metadata = await client.getOpenIdMetadata();
    expect(metadata).toMatchObject({
      issuer: provider.endpoint,
      jwks_uri: `${provider.endpoint}/certs`,
      revocation_endpoint: `${provider.endpoint}/revoke`,
      response_types_supported: ["token", "none"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  });

  it("attestSgxEnclave under the default policy: a verified token with its claims, times and evidence", async () => {
    const before = Math.floor(Date.now() / 1000);
    const attested = await client.attestSgxEnclave(sgxQuote, { runTimeData: RUNTIME });
    const claims = claimsOf(attested.token.serialize());
    expect(attested.body.issuer).toBe(provider.endpoint);
    expect(attested.body.policyClaims).toEqual({
      "is-debuggable": false,
      "sgx-mrsigner": claims["x-ms-sgx-mrsigner"],
      "sgx-mrenclave": claims["x-ms-sgx-mrenclave"],
      "product-id": 7,
      svn: 3,
      tee: "sgx",
    });
    const ehd = base64UrlEncode(RUNTIME);
    expect(claims).toMatchObject({
      "x-ms-policy-hash": policyHash(SGX_DEFAULT_POLICY),
      "x-ms-sgx-tcbidentifier": "azuredefault",
      "x-ms-sgx-ehd": ehd,
      "maa-ehd": ehd,
      "aas-ehd": ehd,
      "x-ms-attestation-type": "sgx",
      "x-ms-ver": "1.0",
    });
    const { iat, nbf, exp } = claims as Record<string, number>;
    expect([nbf === iat, exp - iat, iat < before && iat >= before - 61]).toEqual([true, 8 * 3600, true]);
    expect(claims.jti).toMatch(/^[0-9a-f]{64}$/);
  });

  it("attestOpenEnclave with a draft policy and JSON runtime data: an unsecured token, x-ms-runtime as JSON", async () => {
    const draft = PERMIT_ISSUE(5);
    const attested = await client.attestOpenEnclave(oeReport, {
      runTimeJson: RUNTIME,
      draftPolicyForAttestation: draft,
    });
    const token = attested.token.serialize();
    expect(headerOf(token)).toEqual({
      alg: "none",
      jku: `${provider.endpoint}/certs`,
      kid: (await client.getAttestationSigners())[0].keyId,
      typ: "JWT",
    });
    expect(token.endsWith(".")).toBe(true);
    expect(attested.body.runTimeClaims).toEqual({ jwk: { kty: "EC", crv: "P-256" } });
    expect(claimsOf(token)).toMatchObject({ "in-force": 5, "x-ms-policy-hash": policyHash(draft) });
  });
});

describe("AttestationAdministrationClient (aad mode)", () => {
  it("getPolicy: the service's default until one is set", async () => {
    expect((await admin.getPolicy("SgxEnclave")).body).toBe(SGX_DEFAULT_POLICY);
    expect((await admin.getPolicy("OpenEnclave")).body).toBe(SGX_DEFAULT_POLICY);
  });

  it("setPolicy (unsigned), attest under it, getPolicy, resetPolicy back to the default", async () => {
    const text = PERMIT_ISSUE(1);
    const set = await admin.setPolicy("SgxEnclave", text);
    expect(set.body.policyResolution).toBe("Updated");
    expect(Buffer.from(set.body.policyTokenHash).toString("base64url")).toBe(
      policyTokenHash(createUnsignedPolicyToken(text)),
    );
    expect((await admin.getPolicy("SgxEnclave")).body).toBe(text);
    expect((await client.attestSgxEnclave(sgxQuote)).body.policyClaims).toEqual({ "in-force": 1 });
    const reset = await admin.resetPolicy("SgxEnclave");
    expect(reset.body.policyResolution).toBe("Removed");
    expect((await admin.getPolicy("SgxEnclave")).body).toBe(SGX_DEFAULT_POLICY);
  });

  it("setPolicy signed: x-ms-policy-signer in the answer and in attestation tokens", async () => {
    const signer = await policySigner("aad policy signer");
    const set = await admin.setPolicy("OpenEnclave", PERMIT_ISSUE(2), signer);
    expect(set.body.policySigner?.certificates.map(der)).toEqual([der(signer.certificate)]);
    const attested = await client.attestOpenEnclave(oeReport);
    expect(attested.body.policySigner?.certificates.map(der)).toEqual([der(signer.certificate)]);
    expect(attested.body.policyClaims).toEqual({ "in-force": 2 });
    await admin.resetPolicy("OpenEnclave", signer);
  });

  it("getPolicyManagementCertificates: none on an AAD-mode provider", async () => {
    expect((await admin.getPolicyManagementCertificates()).body).toEqual([]);
  });

  it("a path prefix is a separate instance", async () => {
    await provider.admin("any", "/tenantA").setPolicy("SgxEnclave", PERMIT_ISSUE(3));
    expect((await provider.admin("any", "/tenantA").getPolicy("SgxEnclave")).body).toBe(PERMIT_ISSUE(3));
    expect((await admin.getPolicy("SgxEnclave")).body).toBe(SGX_DEFAULT_POLICY);
    const attested = await provider.client("/tenantA").attestSgxEnclave(sgxQuote);
    expect([attested.body.issuer, attested.body.policyClaims]).toEqual([
      `${provider.endpoint}/tenantA`,
      { "in-force": 3 },
    ]);
  });
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const enclave = (code: Parameters<typeof serviceError>[0], message: string) =>
  restErrorBody(serviceError(code, message)).error.message;

describe("troubleshooting-guide scenarios reach the client with their status, code and message", () => {
  it("PolicyEvaluationError: a deny() fired (the recorded message, byte for byte)", async () => {
    const draftPolicyForAttestation = "version=1.0; authorizationrules{=> deny();};";
    expect(await rejection(client.attestSgxEnclave(sgxQuote, { draftPolicyForAttestation }))).toEqual({
      statusCode: 400,
      code: "PolicyEvaluationError",
      message:
        'Attestation Enclave operation failed with 65518: Exception(0) 83FFFFEE Policy Evaluation Error has occurred    Msg:[Policy Engine Exception: A Deny claim was issued, authorization failed.] \n\r\nUnhandled Enclave Exception: "Policy Evaluation Error has occurred"\r\n',
    });
  });

  it("PolicyEvaluationError: no permit() under the stored policy", async () => {
    const instance = provider.admin("any", "/nopermit");
    await instance.setPolicy(
      "SgxEnclave",
      'version=1.0; authorizationrules{[type=="x-ms-sgx-svn", value > 100] => permit();};',
    );
    expect(await rejection(provider.client("/nopermit").attestSgxEnclave(sgxQuote))).toEqual({
      statusCode: 400,
      code: "PolicyEvaluationError",
      message: enclave(
        "PolicyEvaluationError",
        "Policy Engine Exception: No Permit claim was issued in the authorizationrules section, authorization failed.",
      ),
    });
  });

  it("PolicyParsingError: a policy with a syntax error is refused, in the service's words", async () => {
    const text = 'version=1.0\n [type=="a"] => permit();';
    const detail =
      "Policy Parser Exception Thrown: Offending symbol: '['\nLine: '2', Column: '1'\nFailure message: 'mismatched input '[' expecting ';''\nFailing rule: 'policy > versionInfo'";
    const expected = {
      statusCode: 400,
      code: "PolicyParsingError",
      message: enclave("PolicyParsingError", detail),
    };
    expect(await rejection(admin.setPolicy("SgxEnclave", text))).toEqual(expected);
    expect(await rejection(client.attestSgxEnclave(sgxQuote, { draftPolicyForAttestation: text }))).toEqual(
      expected,
    );
  });

  it("InvalidQuote / InvalidParameter: evidence that does not verify, runtime data that does not match", async () => {
    const forged = new Uint8Array(sgxQuote);
    forged[500] ^= 1;
    const bad = await rejection(client.attestSgxEnclave(forged));
    expect([bad.statusCode, bad.code]).toEqual([400, "InvalidQuote"]);
    const mismatch = await rejection(
      client.attestSgxEnclave(sgxQuote, { runTimeData: new Uint8Array([1, 2]) }),
    );
    const detail =
      `The runtime data does not match the quote: its SHA-256 is ${hex(sha256(new Uint8Array([1, 2])))} ` +
      `but the first 32 bytes of the report data are ${hex(sha256(RUNTIME))} ` +
      "(field 'quote.report_body.report_data' at offset 368)";
    expect(mismatch).toEqual({
      statusCode: 400,
      code: "InvalidParameter",
      message: enclave("InvalidParameter", detail),
    });
  });

  it("InvalidParameter: a signed policy whose root certificate is not a CA", async () => {
    const signer = await policySigner("not a CA", false);
    expect(await rejection(admin.setPolicy("SgxEnclave", PERMIT_ISSUE(4), signer))).toEqual({
      statusCode: 400,
      code: "InvalidParameter",
      message: enclave("InvalidParameter", "Unable to find issuer certificate CN=not a CA"),
    });
  });
});
