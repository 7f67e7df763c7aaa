// policy-eval serve over loopback (`npm run bench serve`): attests per second and p50/p99 latency of
// POST /attest/SgxEnclave with the official @azure/attestation client and with raw HTTPS (keep-alive),
// beside the floor: evidence verification plus evaluation alone, in-process. The ratio is the cost
// of HTTP, TLS, JSON and the token. Uses the recorded quote in ../shared (skipped without it).
import { Buffer } from "node:buffer";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:https";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AttestationClient } from "@azure/attestation";
import { claimsFromEvidence } from "../packages/evidence/dist/index.js";
import { loadPolicy, SGX_DEFAULT_POLICY } from "../packages/evaluator/dist/index.js";
import { nodeEvidenceCrypto } from "../packages/cli/dist/node-evidence-crypto.js";
import { startServe } from "../packages/cli/dist/serve/run.js";

const SHARED = fileURLToPath(new URL("../../shared/ground-truth/", import.meta.url));
if (!existsSync(SHARED)) {
  console.log(`skipped: ${SHARED} (the recorded quote) is absent`);
  process.exit(0);
}
const quoteText = readFileSync(join(SHARED, "sgx-quote.b64url"), "utf8").trim();
const quote = Buffer.from(quoteText, "base64url");
const SEQUENTIAL = 300;
const PARALLEL = 8;
const PARALLEL_EACH = 60;

/** Latencies (ms) of `count` calls one after another, after a warm-up. */
async function sequential(call, count) {
  for (let i = 0; i < 30; i++) await call();
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** Attests per second with `clients` callers each making `each` calls at once. */
async function throughput(makeCall, clients, each) {
  const calls = Array.from({ length: clients }, makeCall);
  await Promise.all(calls.map((call) => call()));
  const start = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      for (let i = 0; i < each; i++) await call();
    }),
  );
  return (clients * each * 1000) / (performance.now() - start);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const row = (name, times, perSecond, floor) =>
  `${name.padEnd(34)} p50 ${quantile(times, 0.5).toFixed(2).padStart(6)} ms  p99 ${quantile(times, 0.99).toFixed(2).padStart(6)} ms  ` +
  `${perSecond.toFixed(0).padStart(5)} attests/s` +
  (floor ? `  (p50 ${(quantile(times, 0.5) / floor).toFixed(1)}x the floor)` : "");

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (2 cores shared)`,
);

// The floor: what every attest must do whatever carries it.
const loaded = await loadPolicy(SGX_DEFAULT_POLICY);
if (!loaded.ok) throw new Error("the default policy does not load");
const floorCall = async () => {
  const evidence = await claimsFromEvidence({ evidence: quote, kind: "sgx", crypto: nodeEvidenceCrypto });
  if (!evidence.ok) throw new Error(evidence.error.message);
  if (!loaded.policy.evaluate(evidence.claims, { trace: false }).permitted) throw new Error("denied");
};
const floorTimes = await sequential(floorCall, SEQUENTIAL);
const floor = quantile(floorTimes, 0.5);
console.log(
  row("floor: evidence + evaluation", floorTimes, await throughput(() => floorCall, PARALLEL, PARALLEL_EACH)),
);

const dataDir = mkdtempSync(join(tmpdir(), "policy-eval-serve-bench-"));
const serving = await startServe({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  mode: "aad",
  signer: [],
  role: [],
  quiet: true,
});
try {
  const endpoint = `https://localhost:${serving.port}`;
  const ca = readFileSync(join(dataDir, "tls", "ca.pem"), "utf8");

  const officialCall = () => {
    const client = new AttestationClient(endpoint, { tlsOptions: { ca }, retryOptions: { maxRetries: 0 } });
    return () => client.attestSgxEnclave(quote);
  };
  const official = officialCall();
  console.log(
    row(
      "official client (attestSgxEnclave)",
      await sequential(official, SEQUENTIAL),
      await throughput(officialCall, PARALLEL, PARALLEL_EACH),
      floor,
    ),
  );

  const body = JSON.stringify({ quote: quoteText });
  const rawCall = () => {
    const agent = new Agent({ keepAlive: true, ca });
    return () =>
      new Promise((resolve, reject) => {
        const call = request(
          `${endpoint}/attest/SgxEnclave?api-version=2020-10-01`,
          {
            method: "POST",
            agent,
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (response) => {
            response.resume();
            response.on("end", () =>
              response.statusCode === 200 ? resolve() : reject(new Error(String(response.statusCode))),
            );
          },
        );
        call.on("error", reject);
        call.end(body);
      });
  };
  console.log(
    row(
      "raw HTTPS (keep-alive)",
      await sequential(rawCall(), SEQUENTIAL),
      await throughput(rawCall, PARALLEL, PARALLEL_EACH),
      floor,
    ),
  );
} finally {
  await serving.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `(throughput: ${PARALLEL} callers x ${PARALLEL_EACH} attests each; latency: ${SEQUENTIAL} attests one at a time)`,
);
