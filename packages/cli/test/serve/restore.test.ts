import "reflect-metadata";
import { X509CertificateGenerator } from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { restoreInstances } from "../../src/serve/restore.js";
import { Store } from "../../src/serve/store.js";
import { tempDir } from "../../../../test/support/temp-dir.js";

const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

async function certificate(name: string): Promise<string> {
  const keys = await crypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const made = await X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    keys,
    signingAlgorithm: EC,
  });
  return Buffer.from(made.rawData).toString("base64");
}

describe("an instance saved with its signers comes back whole", () => {
  it("more signers than a chain may hold (each is a certificate of its own, not a chain link)", async () => {
    const dataDir = tempDir("policy-eval-serve-restore-");
    const certificates = await Promise.all(Array.from({ length: 17 }, (_, i) => certificate(`Signer ${i}`)));
    await new Store(dataDir).save("/tenant", { policies: {}, certificates });
    const instances = await restoreInstances(dataDir, []);
    expect(instances.get("/tenant").certificates.map((c) => c.subject)).toEqual(
      certificates.map((_, i) => `CN=Signer ${i}`),
    );
  });

  it("every signer removed: an empty list", async () => {
    const dataDir = tempDir("policy-eval-serve-restore-");
    await new Store(dataDir).save("", { policies: {}, certificates: [] });
    expect((await restoreInstances(dataDir, [])).get("").certificates).toEqual([]);
  });
});
