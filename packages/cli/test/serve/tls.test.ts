import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { startServe } from "../../src/serve/run.js";
import { selfSigned, serverCertificate } from "../../src/serve/x509.js";
import { raw } from "./fixture.js";

const dir = mkdtempSync(join(tmpdir(), "policy-eval-serve-tls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("--tls-cert/--tls-key: serves the given certificate and says to trust its issuer", async () => {
  const ca = await selfSigned("CN=someone else's CA", 1, true);
  const server = await serverCertificate(ca, 1);
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  writeFileSync(cert, server.certificatePem);
  writeFileSync(key, server.privateKeyPem);
  const dataDir = join(dir, "data");
  const serving = await startServe({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    mode: "aad",
    signer: [],
    role: [],
    quiet: true,
    tlsCert: cert,
    tlsKey: key,
  });
  try {
    expect(serving.banner[2]).toBe(`clients must trust the CA that issued ${cert}`);
    const provider = { endpoint: `https://localhost:${serving.port}`, ca: ca.certificatePem };
    expect((await raw(provider, "GET", "/certs")).status).toBe(200);
    await expect(raw({ ...provider, ca: server.certificatePem }, "GET", "/certs")).rejects.toThrow(
      "unable to verify the first certificate",
    );
  } finally {
    await serving.stop();
  }
});
