import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { base64UrlEncode } from "@maa-policy/tokens";
import { describe, expect, it } from "vitest";
import { pki } from "../../evidence/test/support/pki.js";
import { boundReportData, buildQuote, fill, flipBit } from "../../evidence/test/support/quote-builder.js";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-claims-");
const testPki = await pki();
const ROOT = Array.from(testPki.rootPublicKey, (b) => b.toString(16).padStart(2, "0")).join("");
const runtime = new TextEncoder().encode('{ "jwk": { "kty": "EC" } }');
const quote = await buildQuote({
  pki: testPki,
  debug: true,
  productId: 3,
  svn: 9,
  reportData: boundReportData(runtime),
});
const NOW = ["--now", "2025-06-01T00:00:00Z", "--root-public-key", ROOT];

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const evidence = file("quote.bin", quote.bytes);
const runtimeFile = file("runtime.json", runtime);
const REPORT_DATA = Array.from(boundReportData(runtime), (b) => b.toString(16).padStart(2, "0")).join("");
const HEAD = [
  "x-ms-sgx-is-debuggable (Boolean) = true",
  "x-ms-sgx-product-id (Integer) = 3",
  `x-ms-sgx-mrsigner (String) = ${"51".repeat(32)}`,
  `x-ms-sgx-mrenclave (String) = ${"e1".repeat(32)}`,
  "x-ms-sgx-svn (Integer) = 9",
  `x-ms-sgx-report-data (String) = ${REPORT_DATA}`,
  "x-ms-attestation-type (String) = sgx",
];
const TAIL = [
  "$is-debuggable (Boolean) = true",
  "$product-id (Integer) = 3",
  `$sgx-mrsigner (String) = ${"51".repeat(32)}`,
  `$sgx-mrenclave (String) = ${"e1".repeat(32)}`,
  "$svn (Integer) = 9",
  "$tee (String) = sgx",
];
const SUMMARY =
  "verified offline: PCK chain to 'CN=Test SGX Root CA' (valid at 2025-06-01T00:00:00.000Z), QE report signature, " +
  "attestation key binding, enclave report signature\n" +
  "not verified offline: TCB status of the platform (needs Intel's TCB info for the PCK certificate's FMSPC)\n" +
  "not verified offline: quoting enclave identity (needs Intel's QE identity)\n" +
  "not verified offline: revocation of the PCK chain (needs Intel's PCK and root CA CRLs)\n";
const lines = (...parts: string[][]) =>
  parts
    .flat()
    .map((line) => `${line}\n`)
    .join("");

describe("policy-eval claims", () => {
  it("prints the incoming claims, one `type (valueType) = value` line each, and what was verified", async () => {
    expect(await runCli(["claims", evidence, ...NOW])).toEqual({
      code: 0,
      stdout: lines(HEAD, TAIL),
      stderr: SUMMARY,
    });
  });

  it("adds x-ms-runtime for JSON runtime data, compacted onto its line", async () => {
    const result = await runCli([
      "claims",
      evidence,
      "--runtime-data",
      runtimeFile,
      "--runtime-data-type",
      "json",
      ...NOW,
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: lines(HEAD, ['x-ms-runtime (String) = {"jwk":{"kty":"EC"}}'], TAIL),
      stderr: SUMMARY,
    });
  });

  it("adds the enclave held data for binary runtime data, read as base64url with --data-encoding", async () => {
    const encoded = file("runtime.b64url", base64UrlEncode(runtime) + "\n");
    const result = await runCli([
      "claims",
      evidence,
      "--runtime-data",
      encoded,
      "--data-encoding",
      "base64url",
      ...NOW,
    ]);
    const ehd = base64UrlEncode(runtime);
    const held = ["x-ms-sgx-ehd", "maa-ehd", "aas-ehd", "$maa-ehd", "$aas-ehd"].map(
      (t) => `${t} (String) = ${ehd}`,
    );
    expect(result).toEqual({ code: 0, stdout: lines(HEAD, held, TAIL), stderr: SUMMARY });
  });

  it("prints the Claim[] array as JSON", async () => {
    const result = await runCli(["claims", evidence, "--format", "json", ...NOW]);
    const claims = JSON.parse(result.stdout) as {
      type: string;
      value: unknown;
      valueType: string;
      issuer: string;
    }[];
    expect(claims.map((c) => `${c.type} (${c.valueType}) = ${String(c.value)}`)).toEqual([...HEAD, ...TAIL]);
    expect(new Set(claims.map((c) => c.issuer))).toEqual(new Set(["AttestationService"]));
  });

  it("reads an OpenEnclave report given as base64url text, detecting its kind", async () => {
    const report = await buildQuote({
      pki: testPki,
      openEnclave: true,
      version: 4,
      kss: true,
      configId: fill(64, 1),
    });
    const result = await runCli(["claims", file("report.b64url", base64UrlEncode(report.bytes)), ...NOW]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`x-ms-sgx-config-id (String) = ${"01".repeat(64)}\n`);
  });

  it("exits 1 with the service error code, message, field and offset for forged evidence", async () => {
    const forged = file("forged.bin", flipBit(quote.bytes, (quote.at.body + 64) * 8));
    expect(await runCli(["claims", forged, ...NOW])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `${forged}: error InvalidQuote: The enclave report signature does not verify with the attestation key over the quote ` +
        `header and report body (field 'quote.signature_data.isv_enclave_report_signature' at offset ${quote.at.enclaveSig})\n`,
    });
  });

  it("exits 1 when the runtime data is not the one the quote was made for", async () => {
    const other = file("other.json", "{}");
    const result = await runCli(["claims", evidence, "--runtime-data", other, ...NOW]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^.*: error InvalidParameter: The runtime data does not match the quote: .* \(field 'quote\.report_body\.report_data' at offset 368\)\n$/,
    );
  });

  it("exits 1 for a chain that does not end in Intel's root when no root key is given", async () => {
    const result = await runCli(["claims", evidence, "--now", "2025-06-01T00:00:00Z"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      ": error InvalidQuote: The PCK certificate chain does not end in the Intel SGX Root CA",
    );
  });

  it("warns about a lone trailing base64 character and still fails precisely", async () => {
    const odd = file("odd.b64", "AAAAA");
    const result = await runCli(["claims", odd, ...NOW]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      `${odd}: warning: evidence: ignored the last base64 character (5 characters encode no whole final byte)`,
    );
  });

  it.each([
    [["claims", join(dir, "missing.bin")], `${join(dir, "missing.bin")}: error: no such file\n`],
    [
      ["claims", evidence, "--now", "yesterday"],
      "policy-eval: error: option '--now <time>' argument 'yesterday' is invalid. 'yesterday' is neither seconds since the epoch nor an ISO 8601 date\n",
    ],
    [
      ["claims", evidence, "--root-public-key", "04ab"],
      "policy-eval: error: --root-public-key: expected an uncompressed P-256 point: 128 or 130 hex digits\n",
    ],
    [
      ["claims", evidence, "--runtime-data", join(dir, "none")],
      `${join(dir, "none")}: error: no such file\n`,
    ],
  ])("exits 2 for unreadable input: %j", async (argv, stderr) => {
    expect(await runCli(argv)).toEqual({ code: 2, stdout: "", stderr });
  });

  it("exits 2 for an unknown --runtime-data-type", async () => {
    const result = await runCli(["claims", evidence, "--runtime-data-type", "xml"]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toContain("--runtime-data-type");
  });
});

describe("policy-eval claims --crl", () => {
  it("checks the chain against the CRLs given and reports it", async () => {
    const { X509CrlGenerator } = await import("@peculiar/x509");
    const crlFile = async (issuer: typeof testPki.ca, revoked: (typeof testPki.ca)[] = []) => {
      const list = await X509CrlGenerator.create({
        issuer: issuer.certificate.subject,
        thisUpdate: new Date("2025-01-01T00:00:00Z"),
        nextUpdate: new Date("2026-01-01T00:00:00Z"),
        entries: revoked.map((r) => ({ serialNumber: r.certificate.serialNumber })),
        signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
        signingKey: issuer.keys.privateKey,
      });
      return file(
        `${issuer.certificate.subject.slice(3).replace(/ /g, "-")}-${revoked.length}.crl`,
        new Uint8Array(list.rawData),
      );
    };
    const ok = await runCli([
      "claims",
      evidence,
      ...NOW,
      "--crl",
      await crlFile(testPki.ca),
      "--crl",
      await crlFile(testPki.root),
    ]);
    expect([ok.code, ok.stderr.split("\n")[0]]).toEqual([
      0,
      "verified offline: PCK chain to 'CN=Test SGX Root CA' (valid at 2025-06-01T00:00:00.000Z), QE report signature, " +
        "attestation key binding, enclave report signature, revocation by the CRL of 'CN=Test SGX PCK Processor CA', " +
        "revocation by the CRL of 'CN=Test SGX Root CA'",
    ]);
    const revoked = await runCli([
      "claims",
      evidence,
      ...NOW,
      "--crl",
      await crlFile(testPki.ca, [testPki.pck]),
    ]);
    expect([revoked.code, revoked.stdout]).toEqual([1, ""]);
    expect(revoked.stderr).toContain(
      ": error InvalidQuote: PCK chain certificate #0 (CN=Test SGX PCK Certificate) is revoked by CRL #0",
    );
  });
});

describe("policy-eval claims --qe-identity", () => {
  it("needs the issuer chain with it", async () => {
    expect(await runCli(["claims", evidence, ...NOW, "--qe-identity", evidence])).toEqual({
      code: 2,
      stdout: "",
      stderr: "policy-eval: error: --qe-identity and --qe-identity-issuer-chain go together\n",
    });
  });

  it("reports a QE identity that is not Intel's format as the evidence's error", async () => {
    const result = await runCli([
      "claims",
      evidence,
      ...NOW,
      "--qe-identity",
      file("qe.json", "{}"),
      "--qe-identity-issuer-chain",
      file("chain.pem", ""),
    ]);
    expect([result.code, result.stderr.split(": ").slice(1, 2)]).toEqual([1, ["error InvalidQuote"]]);
  });
});
