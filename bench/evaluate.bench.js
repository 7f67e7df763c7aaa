// Evaluation throughput (`npm run bench evaluate`): one compiled MAA policy against an SGX claim
// set, beside @cedar-policy/cedar-wasm's isAuthorized on the equivalent rule and beside a
// hand-written JS function doing the same four checks (the floor). The issue measured cedar-wasm
// at ~140 us and the floor at ~1 us; goal: at most 2x the floor. Then the CLI's cold start
// (`policy-eval eval`) beside `node -e 0`; goal: within 0.15 s.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isAuthorized } from "@cedar-policy/cedar-wasm/nodejs";
import { loadPolicy } from "../packages/evaluator/dist/index.js";

const MRSIGNER = "2c1a44952ae8207135c6c29b75b8c029372ee94b677e15c20bd42340f10d41aa";
const POLICY = `version=1.0;
authorizationrules {
  [type=="x-ms-sgx-mrsigner", value=="${MRSIGNER}"] &&
  [type=="x-ms-sgx-is-debuggable", value==false] &&
  [type=="x-ms-sgx-svn", value>=2] &&
  [type=="x-ms-sgx-product-id", value==1] => permit();
};
issuancerules {};
`;
const claim = (type, value) => ({
  type,
  value,
  valueType: typeof value === "string" ? "String" : typeof value === "number" ? "Integer" : "Boolean",
  issuer: "AttestationService",
});
const CLAIMS = [
  claim("x-ms-attestation-type", "sgx"),
  claim("x-ms-sgx-is-debuggable", false),
  claim("x-ms-sgx-mrenclave", "b779202618becb636768e5d902f28d524222735fafb539ea9ba07c3fc171a1c2"),
  claim("x-ms-sgx-mrsigner", MRSIGNER),
  claim("x-ms-sgx-product-id", 1),
  claim("x-ms-sgx-svn", 2),
];

/** The floor: the same checks written by hand over the same claim array. */
function handWritten(claims) {
  const has = (type, test) => claims.some((c) => c.type === type && test(c.value));
  return (
    has("x-ms-sgx-mrsigner", (v) => v === MRSIGNER) &&
    has("x-ms-sgx-is-debuggable", (v) => v === false) &&
    has("x-ms-sgx-svn", (v) => typeof v === "number" && v >= 2) &&
    has("x-ms-sgx-product-id", (v) => v === 1)
  );
}

const CEDAR_CALL = {
  principal: { type: "Enclave", id: "e" },
  action: { type: "Action", id: "attest" },
  resource: { type: "Service", id: "maa" },
  context: { mrsigner: MRSIGNER, debuggable: false, svn: 2, productId: 1 },
  policies: {
    staticPolicies: `permit(principal, action, resource) when { context.mrsigner == "${MRSIGNER}" && !context.debuggable && context.svn >= 2 && context.productId == 1 };`,
  },
  entities: [],
};

/** Microseconds per call: the median of several timed batches after a warm-up. */
function perCall(fn, batch) {
  for (let i = 0; i < batch; i++) fn();
  const samples = [];
  for (let round = 0; round < 9; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  return samples.sort((a, b) => a - b)[4];
}

const loaded = await loadPolicy(POLICY);
if (!loaded.ok) throw new Error("the benchmark policy does not check");
const policy = loaded.policy;
if (!policy.evaluate(CLAIMS, { trace: false }).permitted || !handWritten(CLAIMS))
  throw new Error("the benchmark claims must permit");
const cedarAnswer = isAuthorized(CEDAR_CALL);
if (cedarAnswer.type !== "success" || cedarAnswer.response.decision !== "allow")
  throw new Error(`cedar-wasm did not allow: ${JSON.stringify(cedarAnswer)}`);

const floor = perCall(() => handWritten(CLAIMS), 200_000);
const ours = perCall(() => policy.evaluate(CLAIMS, { trace: false }), 200_000);
const traced = perCall(() => policy.evaluate(CLAIMS), 100_000);
const cedar = perCall(() => isAuthorized(CEDAR_CALL), 2_000);
const us = (n) => `${n < 10 ? n.toFixed(3) : n.toFixed(1)} us`.padStart(11);
console.log("evaluation, per request (median)        us/request");
console.log(`  hand-written JS (floor)             ${us(floor)}`);
console.log(
  `  maa-policy compiled                 ${us(ours)}   ${(ours / floor).toFixed(2)}x floor (goal <= 2x)`,
);
console.log(`  maa-policy compiled, with trace     ${us(traced)}   ${(traced / floor).toFixed(2)}x floor`);
console.log(
  `  @cedar-policy/cedar-wasm            ${us(cedar)}   maa-policy is ${(cedar / ours).toFixed(0)}x faster`,
);

// Cold start: wall time of a whole `policy-eval eval` process against `node -e 0`.
const dir = mkdtempSync(join(tmpdir(), "maa-bench-"));
writeFileSync(join(dir, "p.policy"), POLICY);
writeFileSync(join(dir, "c.json"), JSON.stringify(CLAIMS));
const bin = fileURLToPath(new URL("../packages/cli/bin/policy-eval.js", import.meta.url));
function wall(args) {
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { encoding: "utf8" });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  }
  return samples.sort((a, b) => a - b)[3];
}
const node = wall(["-e", "0"]);
const cli = wall([bin, "eval", join(dir, "p.policy"), "--claims", join(dir, "c.json")]);
console.log("\ncold start (median wall time)            ms");
console.log(`  node -e 0                           ${node.toFixed(0).padStart(6)} ms`);
console.log(
  `  policy-eval eval                    ${cli.toFixed(0).padStart(6)} ms   +${((cli - node) / 1000).toFixed(3)} s (goal <= 0.150 s)`,
);
