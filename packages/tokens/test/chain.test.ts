import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
} from "@peculiar/x509";
import { afterAll, describe, expect, it } from "vitest";
import { CompactSign } from "jose";
import { base64Encode, decomposeJws, verifyJws } from "@maa-policy/tokens";
import { EC, identity, type TestIdentity } from "./pki.js";

const { digitalSignature, keyEncipherment, keyCertSign, cRLSign } = KeyUsageFlags;
const usage = (flags: number) => new KeyUsagesExtension(flags, true);
const extended = (...oids: string[]) => new ExtendedKeyUsageExtension(oids, false);
/** A private-enterprise OID no verifier knows, marked critical. */
const unknownCritical = () => new Extension("1.3.6.1.4.1.55555.1", true, new Uint8Array([0x05, 0x00]));
/** Basic constraints whose value is a truncated SEQUENCE. */
const malformedBasicConstraints = () => new Extension("2.5.29.19", true, new Uint8Array([0x30, 0x03, 0x01]));

interface Chain {
  readonly leaf: TestIdentity;
  /** Every certificate of x5c, leaf first. */
  readonly x5c: readonly TestIdentity[];
  readonly trusted: TestIdentity;
}

interface Shape {
  readonly root?: { usage?: number; pathLength?: number; extensions?: Extension[] };
  readonly intermediate?: { usage?: number; pathLength?: number; extensions?: Extension[] } | null;
  readonly leaf?: { extensions?: Extension[] };
  /** The root is trusted but not sent in x5c. */
  readonly rootOutsideX5c?: boolean;
}

/** root → intermediate → leaf (or root → leaf), each shaped by the case. */
async function chain(shape: Shape): Promise<Chain> {
  const extensions = (part?: { usage?: number; extensions?: Extension[] }) => [
    ...(part?.usage === undefined ? [] : [usage(part.usage)]),
    ...(part?.extensions ?? []),
  ];
  const root = await identity({
    name: "CN=policy root",
    algorithm: EC,
    ca: true,
    pathLength: shape.root?.pathLength,
    extensions: extensions(shape.root),
  });
  const intermediate =
    shape.intermediate === null
      ? undefined
      : await identity({
          name: "CN=policy intermediate",
          algorithm: EC,
          ca: true,
          issuer: root,
          pathLength: shape.intermediate?.pathLength,
          extensions: extensions(shape.intermediate),
        });
  const leaf = await identity({
    name: "CN=policy signer",
    algorithm: EC,
    issuer: intermediate ?? root,
    extensions: shape.leaf?.extensions ?? [usage(digitalSignature)],
  });
  const above = intermediate ? [intermediate, root] : [root];
  const x5c = [leaf, ...(shape.rootOutsideX5c ? above.slice(0, -1) : above)];
  return { leaf, x5c, trusted: root };
}

/** Signed by the leaf's key with `x5c` as given: signing itself would refuse a malformed chain. */
async function verify({ leaf, x5c, trusted }: Chain) {
  const header = {
    alg: "ES256",
    x5c: x5c.map((id) => base64Encode(new Uint8Array(id.certificate.rawData))),
  };
  const token = await new CompactSign(new TextEncoder().encode('{"AttestationPolicy":"dmVyc2lvbj0xLjA7"}'))
    .setProtectedHeader(header)
    .sign(leaf.keys.privateKey);
  const parts = decomposeJws(token);
  if (!parts.ok) throw new Error(parts.error.message);
  const result = await verifyJws(parts.value, { trustedCertificates: [trusted.certificate] });
  return result.ok ? "ok" : result.error.message;
}

/** name, chain, our verdict, `openssl verify`'s (OK, or a reason it gives), where it has the same rule. */
const cases: [string, Shape, string, string | null][] = [
  [
    "a chain with every usage right",
    {
      root: { usage: keyCertSign | cRLSign, pathLength: 1 },
      intermediate: { usage: keyCertSign, pathLength: 0 },
    },
    "ok",
    "OK",
  ],
  [
    "a signer for code signing",
    { leaf: { extensions: [usage(digitalSignature), extended(ExtendedKeyUsage.codeSigning)] } },
    "ok",
    null,
  ],
  [
    "a TLS certificate as the signer (keyEncipherment only)",
    { leaf: { extensions: [usage(keyEncipherment)] } },
    "Certificate x5c[0] (CN=policy signer) may not sign tokens: its key usage (keyEncipherment) does not include digitalSignature.",
    "unsuitable certificate purpose",
  ],
  [
    "a signer whose extended key usage is serverAuth alone",
    { leaf: { extensions: [usage(digitalSignature), extended(ExtendedKeyUsage.serverAuth)] } },
    "Certificate x5c[0] (CN=policy signer) may not sign policies: its extended key usage (serverAuth) includes neither codeSigning nor anyExtendedKeyUsage.",
    null,
  ],
  [
    "an intermediate CA without keyCertSign",
    { intermediate: { usage: digitalSignature | cRLSign } },
    "Certificate x5c[1] (CN=policy intermediate) may not issue certificates: its key usage (digitalSignature, cRLSign) does not include keyCertSign.",
    "key usage does not include certificate signing",
  ],
  [
    "a root CA without keyCertSign",
    { root: { usage: cRLSign } },
    "Certificate x5c[2] (CN=policy root) may not issue certificates: its key usage (cRLSign) does not include keyCertSign.",
    "key usage does not include certificate signing",
  ],
  [
    "a trusted root outside x5c without keyCertSign",
    { root: { usage: cRLSign }, rootOutsideX5c: true },
    "The trusted certificate (CN=policy root) may not issue certificates: its key usage (cRLSign) does not include keyCertSign.",
    "key usage does not include certificate signing",
  ],
  [
    "a chain that breaks the root's pathLenConstraint of 0",
    { root: { pathLength: 0 } },
    "Certificate x5c[2] (CN=policy root): path length constraint exceeded (pathLenConstraint 0, 1 CA certificate below it).",
    "path length constraint exceeded",
  ],
  [
    "a root with pathLenConstraint 0 directly over the signer",
    { root: { pathLength: 0 }, intermediate: null },
    "ok",
    "OK",
  ],
  [
    "a signer with an unrecognised critical extension",
    { leaf: { extensions: [usage(digitalSignature), unknownCritical()] } },
    "Certificate x5c[0] (CN=policy signer) has an unrecognised critical extension 1.3.6.1.4.1.55555.1.",
    "unhandled critical extension",
  ],
  [
    "an intermediate with key usage twice",
    { intermediate: { usage: keyCertSign, extensions: [usage(keyCertSign)] } },
    "Certificate x5c[1] (CN=policy intermediate) has the extension 2.5.29.15 twice.",
    "unable to get local issuer certificate",
  ],
];

const openssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(join(tmpdir(), "maa-chain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `openssl verify` of the same chain: the leaf, x5c's other certificates untrusted, the root trusted. */
function opensslVerdict({ x5c, trusted }: Chain, name: string): "ok" | string[] {
  const file = (suffix: string, pem: string) => {
    const path = join(dir, `${name}-${suffix}.pem`);
    writeFileSync(path, pem);
    return path;
  };
  const untrusted = x5c.slice(1).filter((id) => id !== trusted);
  const args = ["verify", "-CAfile", file("root", trusted.certPem)];
  if (untrusted.length > 0)
    args.push("-untrusted", file("chain", untrusted.map((id) => id.certPem).join("")));
  // smimesign is the purpose of OpenSSL 3.0 that asks a signer's key usage for a signature.
  args.push("-purpose", "smimesign", file("leaf", x5c[0].certPem));
  try {
    execFileSync("openssl", args, { stdio: "pipe" });
    return "ok";
  } catch (error) {
    const { stdout, stderr } = error as { stdout: Buffer; stderr: Buffer };
    const output = `${String(stdout)}${String(stderr)}`;
    return [...output.matchAll(/^error \d+ at \d+ depth lookup: (.*)$/gm)].map((match) => match[1]);
  }
}

describe("certificate chains (RFC 5280)", () => {
  it.each(cases)("%s", async (name, shape, expected, reason) => {
    const built = await chain(shape);
    expect(await verify(built)).toBe(expected);
    if (reason !== null && openssl) {
      const verdict = opensslVerdict(built, name.replace(/\W+/g, "-"));
      if (reason === "OK") expect(verdict).toBe("ok");
      else expect(verdict).toContain(reason);
    }
  });

  it("refuses a certificate whose extension cannot be read by its place in x5c, without throwing", async () => {
    const built = await chain({ intermediate: { extensions: [] } });
    const broken = await identity({
      name: "CN=broken intermediate",
      algorithm: EC,
      issuer: built.trusted,
      extensions: [malformedBasicConstraints()],
    });
    const leaf = await identity({ name: "CN=policy signer", algorithm: EC, issuer: broken });
    expect(await verify({ leaf, x5c: [leaf, broken, built.trusted], trusted: built.trusted })).toBe(
      "The token header x5c[1] (CN=broken intermediate) has a malformed extension that cannot be read.",
    );
    if (openssl) {
      const verdict = opensslVerdict(
        { leaf, x5c: [leaf, broken, built.trusted], trusted: built.trusted },
        "malformed",
      );
      expect(verdict).toContain("unable to get local issuer certificate");
    }
  });
});

if (!openssl)
  console.warn("openssl is not installed: chain cases are not cross-checked against openssl verify");
