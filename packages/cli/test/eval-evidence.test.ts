import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { base64UrlDecode } from "@maa-policy/tokens/encoding";
import { describe, expect, it } from "vitest";
import { pki } from "../../evidence/test/support/pki.js";
import { boundReportData, buildQuote, fill } from "../../evidence/test/support/quote-builder.js";
import { runCli } from "./run-cli.js";

// `policy-eval eval --evidence`: from a quote built and signed by test keys to the verdict and the
// draft token, the way the service answers an attest call with draftPolicyForAttestation.
const dir = mkdtempSync(join(tmpdir(), "policy-eval-eval-evidence-"));
const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const testPki = await pki();
const ROOT = Array.from(testPki.rootPublicKey, (b) => b.toString(16).padStart(2, "0")).join("");
const runtime = new TextEncoder().encode('{"nonce":"abc"}');
const release = await buildQuote({
  pki: testPki,
  reportData: boundReportData(runtime),
  mrSigner: fill(32, 0xab),
  svn: 3,
});
const debug = await buildQuote({ pki: testPki, reportData: boundReportData(runtime), debug: true });
const files = {
  release: write("release.bin", release.bytes),
  debug: write("debug.bin", debug.bytes),
  runtime: write("runtime.json", runtime),
  policy: write(
    "policy.txt",
    'version=1.2; authorizationrules{ [type=="x-ms-sgx-is-debuggable", value==true] => deny(); => permit(); };' +
      ' issuancerules{ c:[type=="x-ms-sgx-svn"] => issue(type="svn", value=c.value);' +
      ' c:[type=="x-ms-runtime"] => issue(type="nonce", value=JsonToClaimValue(JmesPath(c.value, "nonce"))); };',
  ),
  claims: write("claims.json", "{}"),
};
const common = [
  "--runtime-data",
  files.runtime,
  "--runtime-data-type",
  "json",
  "--root-public-key",
  ROOT,
  "--now",
  "1748736000",
];

function tokenBody(token: string): Record<string, unknown> {
  const decoded = base64UrlDecode(token.trim().split(".")[1]);
  if (!decoded.ok) throw new Error("not base64url");
  return JSON.parse(new TextDecoder().decode(decoded.value)) as Record<string, unknown>;
}

describe("policy-eval eval --evidence", () => {
  it("permits a release enclave and its draft token carries the evidence and the issued claims", async () => {
    const result = await runCli([
      "eval",
      files.policy,
      "--evidence",
      files.release,
      ...common,
      "--format",
      "token",
    ]);
    expect(result.code).toBe(0);
    const body = tokenBody(result.stdout);
    expect(body["svn"]).toBe(3);
    expect(body["nonce"]).toBe("abc");
    expect(body["x-ms-policy"]).toEqual({ nonce: "abc", svn: 3 });
    expect(body["x-ms-sgx-mrsigner"]).toBe("ab".repeat(32));
    expect(body["x-ms-sgx-svn"]).toBe(3);
    expect(body["x-ms-sgx-is-debuggable"]).toBe(false);
    expect(body["x-ms-runtime"]).toEqual({ nonce: "abc" });
    expect(body["x-ms-attestation-type"]).toBe("sgx");
    expect(body["iat"]).toBe(1748736000);
  });

  it("says on stderr what it verified and what it did not (TCB status, QE identity, revocation)", async () => {
    const result = await runCli(["eval", files.policy, "--evidence", files.release, ...common]);
    expect(result).toEqual({
      code: 0,
      stdout: 'permitted: 2 claims issued\n  svn: 3\n  nonce: "abc"\n',
      stderr:
        "verified offline: PCK chain to 'CN=Test SGX Root CA' (valid at 2025-06-01T00:00:00.000Z), QE report signature, " +
        "attestation key binding, enclave report signature\n" +
        "not verified offline: TCB status of the platform (needs Intel's TCB info for the PCK certificate's FMSPC)\n" +
        "not verified offline: quoting enclave identity (needs Intel's QE identity)\n" +
        "not verified offline: revocation of the PCK chain (needs Intel's PCK and root CA CRLs)\n",
    });
  });

  it("denies a debug enclave in the service's words, exit 3", async () => {
    const result = await runCli(["eval", files.policy, "--evidence", files.debug, ...common]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      "Policy Engine Exception: A Deny claim was issued, authorization failed.",
    );
  });

  it("refuses evidence that fails verification, exit 1, naming the error", async () => {
    const result = await runCli([
      "eval",
      files.policy,
      "--evidence",
      files.release,
      ...common.slice(0, 4),
      "--now",
      "1748736000",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^.*release\.bin: InvalidQuote: /m);
  });

  it("takes exactly one of --claims and --evidence", async () => {
    const both = await runCli(["eval", files.policy, "--claims", files.claims, "--evidence", files.release]);
    expect(both).toEqual({
      code: 2,
      stdout: "",
      stderr: "policy-eval: give the incoming claims with either --claims or --evidence\n",
    });
    const neither = await runCli(["eval", files.policy]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toBe("policy-eval: give the incoming claims with either --claims or --evidence\n");
  });

  it("reads --attestation-type as the evidence kind", async () => {
    const result = await runCli([
      "eval",
      files.policy,
      "--evidence",
      files.release,
      ...common,
      "--attestation-type",
      "tpm",
    ]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "policy-eval: --attestation-type: with --evidence it is sgx or openenclave, not 'tpm'\n",
    });
  });
});
