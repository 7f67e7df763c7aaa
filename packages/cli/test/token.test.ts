import { createPrivateKey } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { base64UrlEncode, encodeUnsecuredJws, policyTokenHash } from "@maa-policy/tokens";
import { beforeAll, describe, expect, it } from "vitest";
import { identity, type TestIdentity } from "../../tokens/test/pki.js";
import { runCli, spawnCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

const dir = tempDir("policy-eval-token-");
const DRAFT = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
const SDK_TOKEN =
  "eyJhbGciOiJub25lIn0.eyJBdHRlc3RhdGlvblBvbGljeSI6ImRtVnljMmx2YmoweExqQTdJR0YxZEdodmNtbDZZWFJwYjI1eWRXeGxjM3M5UGlCd1pYSnRhWFFvS1R0OU95QnBjM04xWVc1alpYSjFiR1Z6ZTMwNyJ9.";
const TEXT_AS_TOKEN =
  'version= 1.0;authorizationrules{=> permit();};issuancerules{c:[type=="x"] => issue(type="y", value=c.value);};';

let count = 0;
function file(text: string, name = `f${count++}`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Files {
  key: string;
  cert: string;
  identity: TestIdentity;
}
let signer: Files;
let plain: Files;
let root: Files;
let leaf: Files;
let other: Files;
let expired: Files;

const files = (id: TestIdentity): Files => ({ key: file(id.keyPem), cert: file(id.certPem), identity: id });

beforeAll(async () => {
  const ids = await Promise.all([
    identity({ ca: true }),
    identity({ name: "CN=plain" }),
    identity({ name: "CN=policy root", ca: true }),
    identity({ name: "CN=other root", ca: true }),
    identity({
      name: "CN=old signer",
      ca: true,
      notBefore: new Date("2020-01-01T00:00:00Z"),
      notAfter: new Date("2021-01-01T00:00:00Z"),
    }),
  ]);
  [signer, plain, root, other, expired] = ids.map(files);
  leaf = files(await identity({ name: "CN=policy leaf", issuer: root.identity }));
});

/** A token file encoded by the CLI itself. */
async function encoded(key: Files, ...certs: string[]): Promise<string> {
  const out = join(dir, `t${count++}.jwt`);
  const certArgs = (certs.length > 0 ? certs : [key.cert]).flatMap((cert) => ["--cert", cert]);
  const result = await runCli(["token", "encode", file(DRAFT), "--key", key.key, ...certArgs, "-o", out]);
  expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  return out;
}

describe("policy-eval token encode / reset", () => {
  it("prints the unsigned token the SDKs send", async () => {
    expect(await runCli(["token", "encode", file(DRAFT)])).toEqual({
      code: 0,
      stdout: SDK_TOKEN + "\n",
      stderr: "",
    });
  });

  it("writes exactly the token with --output, no newline", async () => {
    const out = join(dir, "out.jwt");
    expect(await runCli(["token", "encode", file(DRAFT), "-o", out])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect(readFileSync(out, "utf8")).toBe(SDK_TOKEN);
  });

  it("prints both hashes with --format json", async () => {
    const result = await runCli(["token", "encode", "--format", "json", file(DRAFT)]);
    expect(JSON.parse(result.stdout)).toEqual({
      token: SDK_TOKEN,
      policyHash: "z0FRjKS0ssQTNur1V6BV8WIrh9M3fzgTo0EfHRvapWU",
      policyTokenHash: "c6sEJQItV50OeP9IrP_bzywAMOVvj5uDPbklA_bwdYQ",
    });
  });

  it("signs with --key and --cert; the signed token decodes and verifies against the certificate", async () => {
    const out = join(dir, "signed.jwt");
    const created = await runCli([
      "token",
      "encode",
      file(DRAFT),
      "--key",
      signer.key,
      "--cert",
      signer.cert,
      "-o",
      out,
    ]);
    expect(created).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await runCli(["token", "decode", out])).toEqual({ code: 0, stdout: DRAFT, stderr: "" });
    expect(await runCli(["token", "verify", out, "--signer", signer.cert])).toEqual({
      code: 0,
      stdout: `${out}: valid, RS256 signature by CN=attestationsigningcert; trusted by ${await thumbprint(signer.identity)}\n`,
      stderr: "",
    });
  });

  it("accepts a PKCS#1 (BEGIN RSA PRIVATE KEY) key", async () => {
    const pkcs1 = createPrivateKey(readFileSync(signer.key, "utf8"))
      .export({ type: "pkcs1", format: "pem" })
      .toString();
    const result = await runCli([
      "token",
      "encode",
      file(DRAFT),
      "--key",
      file(pkcs1),
      "--cert",
      signer.cert,
    ]);
    expect([result.code, result.stderr, result.stdout.split(".").length]).toEqual([0, "", 3]);
  });

  it("keeps the old name create as an alias hidden from the help", async () => {
    expect(await runCli(["token", "create", file(DRAFT)])).toEqual({
      code: 0,
      stdout: SDK_TOKEN + "\n",
      stderr: "",
    });
    const help = await runCli(["token", "--help"]);
    const commands = help.stdout.split("\n").flatMap((line) => /^ {2}([a-z]+) /.exec(line)?.[1] ?? []);
    expect([help.code, commands]).toEqual([0, ["encode", "reset", "decode", "verify", "help"]]);
  });

  it("puts every --cert file in x5c, leaf first, and the chain verifies against its root", async () => {
    const out = await encoded(leaf, leaf.cert, root.cert);
    expect(await runCli(["token", "verify", out, "--signer", root.cert])).toEqual({
      code: 0,
      stdout: `${out}: valid, RS256 signature by CN=policy leaf < CN=policy root; trusted by ${await thumbprint(root.identity)}\n`,
      stderr: "",
    });
  });

  it.each([
    [
      "--key without --cert",
      () => ["--key", signer.key],
      "policy-eval: error: --key and --cert go together: the private key signs, the certificate goes in x5c\n",
    ],
    [
      "a key that is not PEM",
      () => ["--key", file("nope"), "--cert", signer.cert],
      (k: string[]) => `${k[1]}: error: not an unencrypted PEM private key\n`,
    ],
    [
      "a key for another certificate",
      () => ["--key", plain.key, "--cert", signer.cert],
      (k: string[]) =>
        `${k[1]}: error: The private key does not match the signing certificate (CN=attestationsigningcert).\n`,
    ],
  ])("exits 2 for %s", async (_name, args, message) => {
    const keyArgs = args();
    const result = await runCli(["token", "encode", file(DRAFT), ...keyArgs]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: typeof message === "string" ? message : message(keyArgs),
    });
  });

  it.each([
    ["token encode", () => ["token", "encode", file(DRAFT)]],
    ["token decode", () => ["token", "decode", SDK_TOKEN]],
    ["signer-less reset", () => ["token", "reset"]],
  ])("%s exits 2, without a stack trace, when --output cannot be written", async (_name, argv) => {
    const out = join(dir, "no-such-dir", "out");
    expect(await runCli([...argv(), "-o", out])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${out}: error: cannot write: no such file\n`,
    });
  });

  it("prints the unsigned reset token", async () => {
    expect(await runCli(["token", "reset"])).toEqual({
      code: 0,
      stdout: "eyJhbGciOiJub25lIn0..\n",
      stderr: "",
    });
  });
});

describe("policy-eval token decode", () => {
  it("ignores the newline an editor adds after the token", async () => {
    expect(await runCli(["token", "decode", file(SDK_TOKEN + "\n")])).toEqual({
      code: 0,
      stdout: DRAFT,
      stderr: "",
    });
  });

  it("reads standard input and writes the policy with --output", async () => {
    const out = join(dir, "decoded.policy");
    expect(await runCli(["token", "decode", "-", "-o", out], SDK_TOKEN)).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect(readFileSync(out, "utf8")).toBe(DRAFT);
  });

  it("rejects policy text sent as a token with the service's error, at its position", async () => {
    const path = file(TEXT_AS_TOKEN);
    expect(await runCli(["token", "decode", path])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${path}:1:107: error InvalidOperation: Unknown base64 character: 41 (')')\n`,
    });
  });

  it("reports the failure as JSON with --format json", async () => {
    const path = file(TEXT_AS_TOKEN);
    const result = await runCli(["token", "decode", "--format", "json", path]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      file: path,
      ok: false,
      error: { code: "InvalidOperation", message: "Unknown base64 character: 41 (')')", status: 400 },
      location: { offset: 106, segment: "signature", line: 1, column: 107 },
      warnings: [],
    });
  });

  it("prints warnings on stderr and the policy on stdout", async () => {
    const raw = encodeUnsecuredJws({ alg: "none" }, { AttestationPolicy: DRAFT });
    const path = file(raw);
    expect(await runCli(["token", "decode", path])).toEqual({
      code: 0,
      stdout: DRAFT,
      stderr: `${path}: warning raw-policy-text: The "AttestationPolicy" claim holds raw policy text (the 2018-09-01-preview format); GA services expect base64url.\n`,
    });
  });

  it("says a reset token holds no policy", async () => {
    const path = file("eyJhbGciOiJub25lIn0..");
    expect(await runCli(["token", "decode", path])).toEqual({
      code: 0,
      stdout: "",
      stderr: `${path}: warning: no policy (empty payload: a reset token)\n`,
    });
  });

  it("prints the stored policy of a GET /policies response", async () => {
    const response = encodeUnsecuredJws({ alg: "none" }, { "x-ms-policy": SDK_TOKEN });
    expect(await runCli(["token", "decode", file(response)])).toEqual({ code: 0, stdout: DRAFT, stderr: "" });
  });

  it("checks a set-policy response's x-ms-policy-token-hash against the request", async () => {
    const hash = policyTokenHash(SDK_TOKEN);
    const response = file(
      encodeUnsecuredJws(
        { alg: "none" },
        { "x-ms-policy-result": "Updated", "x-ms-policy-token-hash": hash },
      ),
    );
    const lines = `x-ms-policy-result      Updated\nx-ms-policy-token-hash  ${hash}\n`;
    expect(await runCli(["token", "decode", response, "--request", file(SDK_TOKEN)])).toEqual({
      code: 0,
      stdout: lines,
      stderr: "",
    });
    const other = createUnsignedTokenFor("version=1.0;");
    expect(await runCli(["token", "decode", response, "--request", file(other)])).toEqual({
      code: 1,
      stdout: lines,
      stderr: `${response}: error TokenHashMismatch: x-ms-policy-token-hash ${hash} is not the hash of the request token (${policyTokenHash(other)})\n`,
    });
  });

  it("takes the token itself as the argument", async () => {
    expect(await runCli(["token", "decode", SDK_TOKEN])).toEqual({ code: 0, stdout: DRAFT, stderr: "" });
    const truncated = SDK_TOKEN.slice(0, 40);
    expect(await runCli(["token", "decode", truncated])).toEqual({
      code: 1,
      stdout: "",
      stderr: "<token>: error InvalidOperation: Malformed JWT: Could not find second period in the token.\n",
    });
  });

  it("prints the service's message and REST body with --format service", async () => {
    const path = file(TEXT_AS_TOKEN);
    const message =
      "Attestation Enclave operation failed with 74: Exception(0) 83FF004A Bad message    Msg:[Unknown base64 character: 41 (')')] \n\r\nUnhandled Enclave Exception: \"Bad message\"\r\n";
    expect(await runCli(["token", "decode", "--format", "service", path])).toEqual({
      code: 1,
      stdout: `Unknown base64 character: 41 (')')\n${JSON.stringify({
        error: { code: "InvalidOperation", message, innererror: { code: "InvalidOperation", message } },
      })}\n`,
      stderr: "",
    });
  });

  it("exits 2 for a missing file that is not a token either", async () => {
    const path = join(dir, "missing.jwt");
    expect(await runCli(["token", "decode", path])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}: error: no such file\n`,
    });
  });

  it("exits 2 for an unreadable file", async () => {
    expect(await runCli(["token", "decode", dir])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${dir}: error: is a directory\n`,
    });
  });
});

describe("policy-eval token verify", () => {
  it("accepts an unsigned token unless a signature is required", async () => {
    const path = file(SDK_TOKEN);
    expect(await runCli(["token", "verify", path])).toEqual({
      code: 0,
      stdout: `${path}: valid, unsigned (alg none)\n`,
      stderr: "",
    });
    expect(await runCli(["token", "verify", "--require-signed", path])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${path}:1:1: error InvalidOperation: The token is unsigned, but a signed token is required.\n`,
    });
  });

  it("rejects a self-signed signer that is not a CA, in the service's words", async () => {
    const out = join(dir, "plain.jwt");
    await runCli(["token", "encode", file(DRAFT), "--key", plain.key, "--cert", plain.cert, "-o", out]);
    expect(await runCli(["token", "verify", out])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${out}:1:1: error InvalidParameter: Unable to find issuer certificate CN=plain\n`,
    });
  });

  it("verifies a token given on the command line", async () => {
    expect(await runCli(["token", "verify", SDK_TOKEN])).toEqual({
      code: 0,
      stdout: "<token>: valid, unsigned (alg none)\n",
      stderr: "",
    });
  });

  it("refuses a signer that is none of the --signer certificates, and takes --signer repeated", async () => {
    const out = await encoded(leaf, leaf.cert, root.cert);
    expect(await runCli(["token", "verify", out, "--signer", other.cert])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${out}:1:1: error InvalidParameter: Unable to find issuer certificate CN=policy root\n`,
    });
    const both = await runCli(["token", "verify", out, "--signer", other.cert, "--signer", root.cert]);
    expect([both.code, both.stderr]).toEqual([0, ""]);
  });

  it("refuses an expired signing certificate", async () => {
    const out = await encoded(expired);
    expect(await runCli(["token", "verify", out, "--at", "2022-01-01T00:00:00Z"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${out}:1:1: error InvalidParameter: Certificate x5c[0] (CN=old signer) expired on 2021-01-01T00:00:00.000Z.\n`,
    });
    const inTime = await runCli(["token", "verify", out, "--at", "2020-06-01T00:00:00Z"]);
    expect([inTime.code, inTime.stderr]).toEqual([0, ""]);
  });

  it("refuses a tampered payload, at the signature", async () => {
    const [header, , signature] = readFileSync(await encoded(signer), "utf8").split(".");
    const tampered = file(`${header}.${createUnsignedTokenFor("version=1.0;").split(".")[1]}.${signature}`);
    const column = header.length + createUnsignedTokenFor("version=1.0;").split(".")[1].length + 3;
    expect(await runCli(["token", "verify", tampered])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${tampered}:1:${column}: error InvalidOperation: The token signature does not verify with x5c[0] (CN=attestationsigningcert).\n`,
    });
  });

  it("refuses a truncated signature, pointing at its last character", async () => {
    const token = readFileSync(await encoded(signer), "utf8");
    const truncated = file(token.slice(0, -1));
    expect(await runCli(["token", "verify", truncated])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${truncated}:1:${token.length - 1}: error InvalidOperation: Invalid base64 length: 341 characters\n`,
    });
  });

  it("decodes and verifies a token whose alg is RSA256 as RS256 (as the service does), with a warning", async () => {
    const [, payload] = readFileSync(await encoded(signer), "utf8").split(".");
    const x5c = [signer.identity.certPem.replace(/-----[A-Z ]+-----|\s/g, "")];
    const input = `${base64UrlEncode(JSON.stringify({ alg: "RSA256", x5c }))}.${payload}`;
    const { privateKey } = signer.identity.keys;
    const signature = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      privateKey,
      new TextEncoder().encode(input),
    );
    const path = file(`${input}.${base64UrlEncode(new Uint8Array(signature))}`);
    const warning = `${path}: warning nonstandard-algorithm: "RSA256" is not a JOSE algorithm name; it is read as "RS256", as the service reads it. Use "RS256".\n`;
    expect(await runCli(["token", "decode", path])).toEqual({ code: 0, stdout: DRAFT, stderr: warning });
    expect(await runCli(["token", "verify", path])).toEqual({
      code: 0,
      stdout: `${path}: valid, RS256 signature by ${signer.identity.certificate.subject}\n`,
      stderr: warning,
    });
  });

  it("refuses an HMAC token", async () => {
    const path = file(`${base64UrlEncode('{"alg":"HS256"}')}.${SDK_TOKEN.split(".")[1]}.AAAA`);
    expect(await runCli(["token", "verify", path])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${path}:1:1: error InvalidOperation: Unsupported JWS algorithm "HS256": use one of none, RS256, ES256.\n`,
    });
  });

  it("exits 2 for a bad --at time", async () => {
    expect(await runCli(["token", "verify", file(SDK_TOKEN), "--at", "yesterday"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "policy-eval: error: option '--at <time>' argument 'yesterday' is invalid. 'yesterday' is neither seconds since the epoch nor an ISO 8601 date\n",
    });
  });

  it("works from the built bin, reading standard input", () => {
    expect(spawnCli(["token", "verify", "-"], SDK_TOKEN + "\n")).toEqual({
      code: 0,
      stdout: "<stdin>: valid, unsigned (alg none)\n",
      stderr: "",
    });
    expect(spawnCli(["token", "decode", "-"], TEXT_AS_TOKEN)).toEqual({
      code: 1,
      stdout: "",
      stderr: "<stdin>:1:107: error InvalidOperation: Unknown base64 character: 41 (')')\n",
    });
  });
});

function createUnsignedTokenFor(text: string): string {
  return encodeUnsecuredJws({ alg: "none" }, { AttestationPolicy: base64UrlEncode(text) });
}

async function thumbprint(id: TestIdentity): Promise<string> {
  return Buffer.from(await id.certificate.getThumbprint("SHA-1"))
    .toString("hex")
    .toUpperCase();
}
