import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { restErrorBody, serviceError } from "@maa-policy/parser";
import { base64UrlEncode } from "@maa-policy/tokens";
import { afterAll, describe, expect, it } from "vitest";
import { raw, startProvider, rejection } from "./fixture.js";
import { quote, ROOT_PUBLIC_KEY } from "./evidence.js";
import { policySigner } from "./signers.js";

// An Isolated-mode provider: only policies and signer changes signed by a registered signer count.
const files = mkdtempSync(join(tmpdir(), "policy-eval-serve-signers-"));
const registered = await policySigner("registered signer");
const newcomer = await policySigner("newcomer");
const signerFile = join(files, "signer.pem");
writeFileSync(signerFile, registered.certificate);
const provider = await startProvider({
  mode: "isolated",
  signer: [signerFile],
  rootPublicKey: ROOT_PUBLIC_KEY,
});
afterAll(async () => {
  await provider.stop();
  rmSync(files, { recursive: true, force: true });
});
const admin = provider.admin();
const POLICY =
  'version=1.0; authorizationrules{=> permit();}; issuancerules{=> issue(type="isolated", value=true);};';
const der = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");
const enclave = (code: Parameters<typeof serviceError>[0], message: string) =>
  restErrorBody(serviceError(code, message)).error.message;

const unsignedRefused = {
  statusCode: 400,
  code: "InvalidOperation",
  message: enclave("InvalidOperation", "The token is unsigned, but a signed token is required."),
};
const notRegistered = {
  statusCode: 400,
  code: "InvalidParameter",
  message: enclave("InvalidParameter", "Unable to find issuer certificate CN=newcomer"),
};

describe("Isolated mode with the official client", () => {
  it("lists the --signer certificate", async () => {
    const certificates = (await admin.getPolicyManagementCertificates()).body;
    expect(certificates.map((c) => c.certificates.map(der))).toEqual([[der(registered.certificate)]]);
  });

  it("refuses unsigned policies and resets, and policies signed by an unregistered signer", async () => {
    expect(await rejection(admin.setPolicy("SgxEnclave", POLICY))).toEqual(unsignedRefused);
    expect(await rejection(admin.resetPolicy("SgxEnclave"))).toEqual(unsignedRefused);
    expect(await rejection(admin.setPolicy("SgxEnclave", POLICY, newcomer))).toEqual(notRegistered);
  });

  it("takes a policy signed by the registered signer, and attests under it", async () => {
    const set = await admin.setPolicy("SgxEnclave", POLICY, registered);
    expect(set.body.policyResolution).toBe("Updated");
    expect(set.body.policySigner?.certificates.map(der)).toEqual([der(registered.certificate)]);
    const attested = await provider.client().attestSgxEnclave(await quote());
    expect(attested.body.policyClaims).toEqual({ isolated: true });
    expect((await admin.resetPolicy("SgxEnclave", registered)).body.policyResolution).toBe("Removed");
  });

  it("adds and removes signers with tokens signed by a registered one", async () => {
    const added = await admin.addPolicyManagementCertificate(
      newcomer.certificate,
      registered.privateKey,
      registered.certificate,
    );
    expect(added.body.certificateResolution).toBe("IsPresent");
    expect(added.body.certificateThumbprint).toMatch(/^[0-9A-F]{40}$/);
    const listed = (await admin.getPolicyManagementCertificates()).body;
    expect(listed.map((c) => der(c.certificates[0]))).toEqual([
      der(registered.certificate),
      der(newcomer.certificate),
    ]);
    expect((await admin.setPolicy("SgxEnclave", POLICY, newcomer)).body.policyResolution).toBe("Updated");
    const removed = await admin.removePolicyManagementCertificate(
      newcomer.certificate,
      registered.privateKey,
      registered.certificate,
    );
    expect([removed.body.certificateResolution, removed.body.certificateThumbprint]).toEqual([
      "IsAbsent",
      added.body.certificateThumbprint,
    ]);
    expect(await rejection(admin.setPolicy("SgxEnclave", POLICY, newcomer))).toEqual(notRegistered);
  });

  it("refuses a signer change signed by an unregistered signer", async () => {
    const change = admin.addPolicyManagementCertificate(
      newcomer.certificate,
      newcomer.privateKey,
      newcomer.certificate,
    );
    expect(await rejection(change)).toEqual(notRegistered);
  });

  it.each([
    [
      "a body that is not a JWS",
      JSON.stringify("not a token"),
      "Malformed JWT: Could not find first period in the token.",
    ],
    [
      "a token without the certificate claim",
      JSON.stringify(`${base64UrlEncode('{"alg":"none"}')}.${base64UrlEncode('{"x":1}')}.`),
      'Could not find "policyCertificate" claim in policy token',
    ],
  ])("certificates:add with %s: the service's text", async (_name, body, detail) => {
    const answer = await raw(provider, "POST", "/certificates:add?api-version=2020-10-01", body, {
      "content-type": "application/json",
    });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([
      400,
      restErrorBody(serviceError("InvalidOperation", detail)),
    ]);
  });
});
