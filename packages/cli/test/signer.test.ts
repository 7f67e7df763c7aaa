import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeUnsecuredJws } from "@maa-policy/tokens";
import { beforeAll, describe, expect, it } from "vitest";
import { EC, identity, type TestIdentity } from "../../tokens/test/pki.js";
import { runCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-signer-");
let count = 0;
function file(text: string): string {
  const path = join(dir, `f${count++}`);
  writeFileSync(path, text);
  return path;
}

let manager: { key: string; cert: string };
let added: TestIdentity;
let addedPem: string;
let nextKey: string;

beforeAll(async () => {
  const [existing, next] = await Promise.all([
    identity({ ca: true }),
    identity({ name: "CN=next signer", algorithm: EC, ca: true }),
  ]);
  manager = { key: file(existing.keyPem), cert: file(existing.certPem) };
  added = next;
  addedPem = file(next.certPem);
  nextKey = file(next.keyPem);
});

const changeArgs = () => [addedPem, "--key", manager.key, "--cert", manager.cert];

async function thumbprintOf(id: TestIdentity): Promise<string> {
  return Buffer.from(await id.certificate.getThumbprint("SHA-1"))
    .toString("hex")
    .toUpperCase();
}

const der = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");

async function describeAdded(claim: string, signed: string): Promise<string> {
  const thumbprint = await thumbprintOf(added);
  return [
    `claim                        ${claim}`,
    "subject                      CN=next signer",
    "issuer                       CN=next signer",
    "valid                        2024-01-01T00:00:00.000Z to 2124-01-01T00:00:00.000Z",
    `x-ms-certificate-thumbprint  ${thumbprint}`,
    `signed                       ${signed}`,
    "",
  ].join("\n");
}

describe("policy-eval signer", () => {
  it.each(["add", "remove"])(
    "%s builds a token that decodes to the certificate and verifies against the existing signer",
    async (change) => {
      const out = join(dir, `${change}.jwt`);
      expect(await runCli(["signer", change, ...changeArgs(), "-o", out])).toEqual({
        code: 0,
        stdout: "",
        stderr: "",
      });
      expect(await runCli(["signer", "decode", out])).toEqual({
        code: 0,
        stdout: await describeAdded("policyCertificate", "RS256"),
        stderr: "",
      });
      expect((await runCli(["token", "verify", out, "--signer", manager.cert])).code).toBe(0);
      const payload = JSON.parse(
        Buffer.from(readFileSync(out, "utf8").split(".")[1], "base64url").toString(),
      ) as unknown;
      expect(payload).toEqual({ policyCertificate: { kty: "EC", x5c: [der(added.certPem)] } });
    },
  );

  it.each([
    ["add", "POST /certificates:add"],
    ["remove", "POST /certificates:remove"],
  ])(
    "%s --format json names the endpoint and the thumbprint the service will answer",
    async (change, endpoint) => {
      const result = await runCli(["signer", change, ...changeArgs(), "--format", "json"]);
      const json = JSON.parse(result.stdout) as { token: string };
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(json).toEqual({
        endpoint,
        token: json.token,
        certificate: { subject: "CN=next signer", "x-ms-certificate-thumbprint": await thumbprintOf(added) },
      });
      expect((await runCli(["token", "verify", json.token, "--signer", manager.cert])).code).toBe(0);
    },
  );

  it("prints the token on standard output", async () => {
    const result = await runCli(["signer", "add", ...changeArgs()]);
    expect([
      result.code,
      result.stderr,
      result.stdout.endsWith("\n"),
      result.stdout.split(".").length,
    ]).toEqual([0, "", true, 3]);
  });

  it.each([
    [
      "a certificate file without a certificate",
      () => [file("hello"), "--key", manager.key, "--cert", manager.cert],
      (a: string[]) => `${a[0]}: error: the file holds no PEM certificate (-----BEGIN CERTIFICATE-----).\n`,
    ],
    [
      "a missing certificate file",
      () => [join(dir, "missing.pem"), "--key", manager.key, "--cert", manager.cert],
      (a: string[]) => `${a[0]}: error: no such file\n`,
    ],
    [
      "an EC key with the RSA --cert: the key is at fault",
      () => [addedPem, "--key", nextKey, "--cert", manager.cert],
      (a: string[]) =>
        `${a[2]}: error: an EC private key, but ${a[4]} certifies an RSA key (CN=attestationsigningcert): give that certificate's private key\n`,
    ],
    [
      "no --cert",
      () => [addedPem, "--key", manager.key],
      () =>
        "policy-eval: error: --key and --cert go together: the private key signs, the certificate goes in x5c\n",
    ],
    [
      "no --key",
      () => [addedPem, "--cert", manager.cert],
      () => "policy-eval: error: required option '--key <file>' not specified\n",
    ],
    [
      "the form before 0.2 (--cert to add, --signer-cert to sign)",
      () => ["--cert", addedPem, "--key", manager.key, "--signer-cert", manager.cert],
      () =>
        "policy-eval: error: give the certificate to add as the argument and the signer's as --cert: policy-eval signer add new.pem --key signer-key.pem --cert signer.pem\n",
    ],
  ])("exits 2 for %s", async (_name, args, message) => {
    const argv = args();
    expect(await runCli(["signer", "add", ...argv])).toEqual({ code: 2, stdout: "", stderr: message(argv) });
  });

  it("warns about a pre-GA claim name", async () => {
    const path = file(
      encodeUnsecuredJws(
        { alg: "none" },
        { "maa-policyCertificate": { kty: "EC", x5c: [der(added.certPem)] } },
      ),
    );
    expect(await runCli(["signer", "decode", path])).toEqual({
      code: 0,
      stdout: await describeAdded("maa-policyCertificate", "none"),
      stderr: `${path}: warning legacy-signer-claim: The certificate is in a "maa-policyCertificate" claim, a pre-GA or documentation name; the SDKs send "policyCertificate".\n`,
    });
  });

  it.each([
    [
      "a certificate sent as the body",
      () => file(added.certPem),
      ": error InvalidOperation: Malformed JWT: Could not find first period in the token.",
    ],
    [
      "a token without the claim",
      () => file(encodeUnsecuredJws({ alg: "none" }, { certificate: {} })),
      ':1:21: error InvalidOperation: Could not find "policyCertificate" claim in policy token',
    ],
  ])("rejects %s", async (_name, path, message) => {
    const input = path();
    const result = await runCli(["signer", "decode", input]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: `${input}${message}\n` });
  });

  it("takes the token itself and prints the service's REST body with --format service", async () => {
    const token = encodeUnsecuredJws({ alg: "none" }, { certificate: {} });
    const detail = 'Could not find "policyCertificate" claim in policy token';
    const message = `Attestation Enclave operation failed with 74: Exception(0) 83FF004A Bad message    Msg:[${detail}] \n\r\nUnhandled Enclave Exception: "Bad message"\r\n`;
    expect(await runCli(["signer", "decode", "--format", "service", token])).toEqual({
      code: 1,
      stdout: `${detail}\n${JSON.stringify({
        error: { code: "InvalidOperation", message, innererror: { code: "InvalidOperation", message } },
      })}\n`,
      stderr: "",
    });
  });

  it("no longer has the unreleased create command", async () => {
    expect(await runCli(["signer", "create", addedPem])).toEqual({
      code: 2,
      stdout: "",
      stderr: "policy-eval: error: unknown command 'create'\n",
    });
  });
});
