// Evidence verification (`npm run bench evidence`): the recorded SGX quote of ../shared/ground-truth
// verified by `claimsFromEvidence` as the CLI runs it (node:crypto crypto) and as a browser does
// (WebCrypto), beside the floor: the same checks written directly on
// node:crypto (X509Certificate, verify), over the same parsed quote. Once with the PCK chain checked
// in full on every quote (not cached), once with the chain remembered as a platform's quotes allow.
// Goals (issue 18): at most 1.5x the floor uncached, 1.3x cached.
// Measured as bench/interleaved.js says.
import { Buffer } from "node:buffer";
import { createHash, createPublicKey, verify, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TextDecoder } from "node:util";
import {
  claimsFromEvidence,
  decodeEvidence,
  forgetVerifiedChains,
  INTEL_SGX_ROOT_CA_PUBLIC_KEY,
  parseEvidence,
  createWebEvidenceCrypto,
} from "../packages/evidence/dist/index.js";
import { createNodeEvidenceCrypto } from "../packages/cli/dist/node-evidence-crypto.js";
import { inProcesses, interleaved, ratioLine } from "./interleaved.js";

const QUOTE_FILE = fileURLToPath(new URL("../../shared/ground-truth/sgx-quote.b64url", import.meta.url));
const NOW = new Date("2026-01-01T00:00:00Z");
const verifiers = new Map();

/** The same checks on node:crypto; cached, it keeps the PCK and attestation keys as ours does. */
function floorChecks(quote, evidence, chainCache) {
  let pckKey = chainCache?.get("pck");
  if (!pckKey) {
    const pem = new TextDecoder("latin1").decode(quote.pckChain.bytes);
    const certs = pem
      .match(/-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g)
      .map((p) => new X509Certificate(p));
    for (const [i, cert] of certs.entries()) {
      if (NOW < new Date(cert.validFrom) || NOW > new Date(cert.validTo)) throw new Error("validity");
      const issuer = certs[i + 1] ?? cert;
      if ((i > 0 && !cert.ca) || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey))
        throw new Error("link");
    }
    const root = certs[certs.length - 1].publicKey.export({ format: "jwk" });
    const point = Buffer.concat([
      Buffer.of(4),
      Buffer.from(root.x, "base64url"),
      Buffer.from(root.y, "base64url"),
    ]);
    if (!point.equals(Buffer.from(INTEL_SGX_ROOT_CA_PUBLIC_KEY))) throw new Error("root");
    pckKey = certs[0].publicKey;
    chainCache?.set("pck", pckKey);
  }
  const p1363 = (key) => ({ key, dsaEncoding: "ieee-p1363" });
  if (!verify("sha256", quote.qeReport.raw, p1363(pckKey), quote.qeReportSignature.bytes))
    throw new Error("qe");
  const bound = createHash("sha256")
    .update(quote.attestationKey.bytes)
    .update(quote.qeAuthData.bytes)
    .digest();
  if (!bound.equals(Buffer.from(quote.qeReport.reportData.subarray(0, 32)))) throw new Error("binding");
  const a = quote.attestationKey.bytes;
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: Buffer.from(a.subarray(0, 32)).toString("base64url"),
    y: Buffer.from(a.subarray(32)).toString("base64url"),
  };
  const attestationKey = chainCache?.get(jwk.x) ?? createPublicKey({ key: jwk, format: "jwk" });
  chainCache?.set(jwk.x, attestationKey);
  if (!verify("sha256", quote.signed.bytes, p1363(attestationKey), quote.enclaveSignature.bytes))
    throw new Error("enclave");
  return createHash("sha256").update(evidence).digest("hex");
}

/** Not cached: no chain and no imported key remembered, as for a platform's first quote. */
async function ours(evidence, cached, createVerifier) {
  if (!cached) forgetVerifiedChains();
  const crypto = cached
    ? (verifiers.get(createVerifier) ?? verifiers.set(createVerifier, createVerifier()).get(createVerifier))
    : createVerifier();
  const result = await claimsFromEvidence({ evidence, now: NOW, crypto });
  if (!result.ok) throw new Error(result.error.message);
}

/** In a child process: CPU microseconds per quote of each contender. */
async function measure() {
  const decoded = decodeEvidence(readFileSync(QUOTE_FILE, "utf8").trim());
  const evidence = decoded.value.bytes;
  const cache = new Map();
  const floor = (chainCache) => floorChecks(parseEvidence(evidence).value.quote, evidence, chainCache);
  const figures = await interleaved(
    {
      "uncached ours": () => ours(evidence, false, createNodeEvidenceCrypto),
      "uncached floor": () => floor(null),
      "uncached webcrypto": () => ours(evidence, false, createWebEvidenceCrypto),
      "cached ours": () => ours(evidence, true, createNodeEvidenceCrypto),
      "cached floor": () => floor(cache),
      "cached webcrypto": () => ours(evidence, true, createWebEvidenceCrypto),
    },
    { batch: 40, warmup: 20 },
  );
  console.log(JSON.stringify(figures));
}

if (process.argv[2] === "--child") {
  await measure();
} else if (!existsSync(QUOTE_FILE)) {
  console.log(`SKIPPED: ${QUOTE_FILE} is absent (the recorded quote lives in ../shared)`);
} else {
  const runs = inProcesses(fileURLToPath(import.meta.url));
  const perSecond = (us) => `${Math.round(1e6 / us)}/s`;
  console.log("SGX quote verification (CPU time; median of 3 processes)");
  for (const [which, goal] of [
    ["uncached", 1.5],
    ["cached", 1.3],
  ]) {
    console.log(
      ratioLine(
        `chain ${which}, as the CLI (node:crypto)`,
        runs,
        `${which} ours`,
        `${which} floor`,
        goal,
        perSecond,
      ),
    );
    console.log(
      ratioLine(
        `chain ${which}, as a browser (WebCrypto)`,
        runs,
        `${which} webcrypto`,
        `${which} floor`,
        undefined,
        perSecond,
      ),
    );
  }
}
