import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeUnsecuredJws } from "@maa-policy/tokens";
import { beforeAll, describe, expect, it } from "vitest";
import { EC, identity, type TestIdentity } from "../../tokens/test/pki.js";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "policy-eval-signer-"));
let count = 0;
function file(text: string): string {
  const path = join(dir, `f${count++}`);
  writeFileSync(path, text);
  return path;
}

let manager: { key: string; cert: string };
let added: TestIdentity;
let addedPem: string;

beforeAll(async () => {
  const [existing, next] = await Promise.all([
    identity({ ca: true }),
    identity({ name: "CN=next signer", algorithm: EC, ca: true }),
  ]);
  manager = { key: file(existing.keyPem), cert: file(existing.certPem) };
  added = next;
  addedPem = file(next.certPem);
});

const der = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");

async function describeAdded(claim: string, signed: string): Promise<string> {
  const thumbprint = Buffer.from(await added.certificate.getThumbprint("SHA-1"))
    .toString("hex")
    .toUpperCase();
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
  it("creates a signer token that decodes to the certificate and verifies against the existing signer", async () => {
    const out = join(dir, "add.jwt");
    expect(
      await runCli(["signer", "create", addedPem, "--key", manager.key, "--cert", manager.cert, "-o", out]),
    ).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect(await runCli(["signer", "decode", out])).toEqual({
      code: 0,
      stdout: await describeAdded("policyCertificate", "RS256"),
      stderr: "",
    });
    expect((await runCli(["token", "verify", out, "--trusted", manager.cert])).code).toBe(0);
    const payload = JSON.parse(
      Buffer.from(readFileSync(out, "utf8").split(".")[1], "base64url").toString(),
    ) as unknown;
    expect(payload).toEqual({ policyCertificate: { kty: "EC", x5c: [der(added.certPem)] } });
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
      stderr: `policy-eval: ${path}: warning legacy-signer-claim: The certificate is in a "maa-policyCertificate" claim, a pre-GA or documentation name; the SDKs send "policyCertificate".\n`,
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
    expect(result).toEqual({ code: 1, stdout: "", stderr: `policy-eval: ${input}${message}\n` });
  });

  it("requires the existing signer's key and certificate", async () => {
    expect(await runCli(["signer", "create", addedPem])).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: required option '--key <file>' not specified\n",
    });
  });
});
