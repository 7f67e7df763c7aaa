import { restErrorBody } from "@maa-policy/parser";
import { AttestationAdministrationClient } from "@azure/attestation";
import type { TokenCredential } from "@azure/core-auth";
import { afterAll, expect, it } from "vitest";
import { raw, startProvider } from "./fixture.js";
import { quote, ROOT_PUBLIC_KEY } from "./evidence.js";
import { policySigner } from "./signers.js";

// Roles by bearer token: reads need reader or contributor, writes contributor (troubleshooting, 401).
const provider = await startProvider({
  role: ["reader-token=reader", "contributor-token=contributor", "nobody-token=none"],
  rootPublicKey: ROOT_PUBLIC_KEY,
});
afterAll(() => provider.stop());
const POLICY = "version=1.0; authorizationrules{=> permit();};";

async function outcome(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    const { statusCode, code, message } = error as { statusCode?: number; code?: string; message?: string };
    return { statusCode, code, message };
  }
}

const unauthorized = (permission: string, why: string) => ({
  statusCode: 401,
  code: "Unauthorized",
  message: `The caller is not authorized to perform this operation: it needs the permission 'Microsoft.Attestation/attestationProviders/attestation/${permission}'. ${why}.`,
});
const notGranted = "The caller's role does not grant it";

it.each([
  ["reader-token", "getPolicy", "ok"],
  ["reader-token", "setPolicy", unauthorized("write", notGranted)],
  ["reader-token", "resetPolicy", unauthorized("delete", notGranted)],
  ["reader-token", "getPolicyManagementCertificates", "ok"],
  ["contributor-token", "setPolicy", "ok"],
  ["contributor-token", "resetPolicy", "ok"],
  ["nobody-token", "getPolicy", unauthorized("read", notGranted)],
  ["unknown-token", "getPolicyManagementCertificates", unauthorized("read", notGranted)],
] as const)("%s: %s → %j", async (token, method, expected) => {
  const admin = provider.admin(token);
  const calls = {
    getPolicy: () => admin.getPolicy("SgxEnclave"),
    setPolicy: () => admin.setPolicy("SgxEnclave", POLICY),
    resetPolicy: () => admin.resetPolicy("SgxEnclave"),
    getPolicyManagementCertificates: () => admin.getPolicyManagementCertificates(),
  };
  expect(await outcome(calls[method]())).toEqual(expected);
});

it("a caller without a token is refused writes; attest, /certs and the metadata need none", async () => {
  // The admin client's typings require a credential; at run time none means no Authorization header.
  const anonymous = new AttestationAdministrationClient(
    provider.endpoint,
    undefined as unknown as TokenCredential,
    {
      tlsOptions: { ca: provider.ca },
      retryOptions: { maxRetries: 0 },
    },
  );
  expect(await outcome(anonymous.setPolicy("SgxEnclave", POLICY))).toEqual(
    unauthorized("write", "The request has no bearer token"),
  );
  const client = provider.client();
  expect(await outcome(client.attestSgxEnclave(await quote()))).toBe("ok");
  expect(await outcome(client.getAttestationSigners())).toBe("ok");
  expect(await outcome(client.getOpenIdMetadata())).toBe("ok");
});

it("the 401 body is the service's REST error body", async () => {
  const answer = await raw(provider, "GET", "/policies/SgxEnclave?api-version=2020-10-01");
  const { message } = unauthorized("read", "The request has no bearer token");
  expect([answer.status, answer.contentType, JSON.parse(answer.body)]).toEqual([
    401,
    "application/json; charset=utf-8",
    restErrorBody({ code: "Unauthorized", message, status: 401 }),
  ]);
});

it("signer changes on an AAD-mode provider are refused", async () => {
  const signer = await policySigner("aad signer");
  const admin = provider.admin("contributor-token");
  expect(
    await outcome(
      admin.addPolicyManagementCertificate(signer.certificate, signer.privateKey, signer.certificate),
    ),
  ).toEqual({
    statusCode: 400,
    code: "InvalidOperation",
    message: restErrorBody({
      code: "InvalidOperation",
      message: "Policy management certificates can only be changed on an Isolated-mode provider.",
      status: 400,
    }).error.message,
  });
});
