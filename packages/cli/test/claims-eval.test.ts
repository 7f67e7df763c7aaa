import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { draftToken, evaluatePolicy } from "@maa-policy/evaluator";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { pki } from "../../evidence/test/support/pki.js";
import { boundReportData, buildQuote } from "../../evidence/test/support/quote-builder.js";
import { addEvidenceOptions, evidenceClaims, type EvidenceOptions } from "../src/evidence-input.js";
import { parseTime } from "../src/options.js";
import { tempDir } from "../../../test/support/temp-dir.js";

// What `eval --evidence` needs: the shared options and one call from evidence to incoming claims.
const dir = tempDir("policy-eval-claims-eval-");
const testPki = await pki();
const ROOT = Array.from(testPki.rootPublicKey, (b) => b.toString(16).padStart(2, "0")).join("");
const runtime = new TextEncoder().encode('{"nonce":"abc"}');
const quote = await buildQuote({ pki: testPki, reportData: boundReportData(runtime) });
const evidence = join(dir, "quote.bin");
writeFileSync(evidence, quote.bytes);
const runtimeFile = join(dir, "runtime.json");
writeFileSync(runtimeFile, runtime);

function parse(argv: string[]): EvidenceOptions & { evidence: string } {
  const command = addEvidenceOptions(
    new Command("eval").requiredOption("--evidence <file>").option("--now <time>", "", parseTime),
  );
  command.exitOverride().parse(argv, { from: "user" });
  return command.opts();
}

describe("evidence options for eval", () => {
  it("parse with their defaults", () => {
    expect(parse(["--evidence", "q.bin"])).toEqual({
      evidence: "q.bin",
      runtimeDataType: "binary",
      initTimeDataType: "binary",
      dataEncoding: "raw",
      crl: [],
    });
  });

  it("give the claims a policy evaluates and a draft token carries", async () => {
    const options = parse([
      "--evidence",
      evidence,
      "--runtime-data",
      runtimeFile,
      "--runtime-data-type",
      "json",
      "--root-public-key",
      ROOT,
      "--now",
      "1748736000",
    ]);
    const loaded = await evidenceClaims(options.evidence, options);
    if (!loaded.ok) throw new Error("evidence rejected");
    const policy =
      'version=1.2; authorizationrules{ c:[type=="x-ms-sgx-is-debuggable", value==false] => permit(); };' +
      ' issuancerules{ c:[type=="x-ms-runtime"] => issue(type="nonce", value=JsonToClaimValue(JmesPath(c.value, "nonce"))); };';
    const evaluated = await evaluatePolicy(policy, loaded.result.claims);
    if (!evaluated.ok) throw new Error("policy rejected");
    const token = draftToken(evaluated.result, { policyText: policy, now: 1748736000 });
    expect(token.ok && token.body).toMatchObject({
      nonce: "abc",
      "x-ms-runtime": { nonce: "abc" },
      "x-ms-sgx-is-debuggable": false,
      "x-ms-attestation-type": "sgx",
    });
  });
});
