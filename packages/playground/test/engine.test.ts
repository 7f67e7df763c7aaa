import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { analyzePolicy } from "@maa-policy/parser";
import { describe, expect, it } from "vitest";
import { ATTESTATION_KINDS } from "../src/attestation-kinds.js";
import { evidence } from "../src/engine/evidence.js";
import { run } from "../src/engine/run.js";
import { EXAMPLE_FILES, readExamples, type ExampleId } from "../examples.mjs";

const CLI = fileURLToPath(new URL("../../cli/bin/policy-eval.js", import.meta.url));
const examples = readExamples();
const NOW = 1_700_000_000;

function cli(args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout };
}

describe("the examples menu", () => {
  it("has one example for each attestation type of the selector", () => {
    expect(Object.keys(EXAMPLE_FILES).sort()).toEqual(ATTESTATION_KINDS.map((kind) => kind.id).sort());
  });

  it.each(Object.keys(EXAMPLE_FILES))(
    "%s: checks clean and is permitted, as policy-eval eval says",
    async (id) => {
      const { policy, claims } = examples[id as ExampleId];
      expect(analyzePolicy(policy).diagnostics).toEqual([]);
      const kind = ATTESTATION_KINDS.find((k) => k.id === id)!;
      const result = await run({ policy, claims, tokenAttestationType: kind.token, now: NOW });
      const files = EXAMPLE_FILES[id as ExampleId];
      const expected = JSON.parse(
        cli(["eval", files.policy, "--claims", files.claims, "--format", "json"]).stdout,
      ) as {
        outcome: string;
        issued: unknown[];
        properties: unknown[];
      };
      expect(result.evaluation).toMatchObject({
        kind: "evaluated",
        outcome: expected.outcome,
        issued: expected.issued,
        properties: expected.properties,
      });
      expect(expected.outcome).toBe("permit");
    },
  );
});

describe("playground/run", () => {
  const { policy, claims } = examples.sgx;
  const files = EXAMPLE_FILES.sgx;

  it("gives the draft token, hashes and policy token of policy-eval eval --format token, hash and token encode", async () => {
    const result = await run({ policy, claims, tokenAttestationType: "sgx", now: NOW });
    const token = cli([
      "eval",
      files.policy,
      "--claims",
      files.claims,
      "--format",
      "token",
      "--now",
      String(NOW),
    ]);
    expect(result.evaluation?.kind === "evaluated" && result.evaluation.draftToken?.token).toBe(
      token.stdout.trim(),
    );
    const hash = cli(["hash", files.policy]).stdout;
    expect(hash).toContain(result.policyHash);
    expect(hash).toContain(result.policyTokenHash);
    expect(result.policyToken).toBe(cli(["token", "encode", files.policy]).stdout.trim());
  });

  it("takes the selected type for x-ms-attestation-type only when the claims carry none", async () => {
    const body = async (claimsText: string) => {
      const result = await run({
        policy: "version=1.0; authorizationrules { => permit(); };",
        claims: claimsText,
        tokenAttestationType: "tdxvm",
        now: NOW,
      });
      return result.evaluation?.kind === "evaluated"
        ? result.evaluation.draftToken?.body["x-ms-attestation-type"]
        : "none";
    };
    expect(await body("{}")).toBe("tdxvm");
    expect(await body('{"x-ms-attestation-type": "sevsnpvm"}')).toBe("sevsnpvm");
  });

  it.each([
    ["broken JSON", '{"a": ', "InvalidParameter", { line: 0, character: 6 }],
    ["a value of no claim type", '[{"type": "a"}]', "InvalidParameter", { line: 0, character: 1 }],
    ["neither JSON nor a token", "hello", "InvalidParameter", undefined],
  ])("claims that are %s: the claims error at its place, no evaluation", async (_, text, code, position) => {
    const result = await run({ policy, claims: text, tokenAttestationType: "sgx" });
    expect(result.claims).toMatchObject({ ok: false, error: { code }, position });
    expect(result.evaluation).toBeUndefined();
  });

  it("an invalid policy: the service's PolicyParsingError, and still its hash and token", async () => {
    const result = await run({
      policy: 'version=1.0\n [type=="a"] => permit();',
      claims: "{}",
      tokenAttestationType: "sgx",
    });
    expect(result.evaluation).toEqual({
      kind: "invalid-policy",
      error: expect.objectContaining({ code: "PolicyParsingError" }) as unknown,
    });
    expect(result.policyHash).toMatch(/^[\w-]{43}$/);
  });

  it("a denied evaluation: the service's words and REST body, no draft token", async () => {
    const result = await run({
      policy,
      claims: '{"x-ms-sgx-is-debuggable": true}',
      tokenAttestationType: "sgx",
    });
    expect(result.evaluation).toMatchObject({
      outcome: "deny",
      error: { message: "Policy Engine Exception: A Deny claim was issued, authorization failed." },
      draftToken: undefined,
    });
  });
});

describe("playground/evidence", () => {
  it.each([
    ["bytes that are no evidence", "AAECAwQ", undefined],
    ["a transport that is not base64url", "***", "The evidence could not be read."],
  ])("%s: an error, not an exception", async (_, text, message) => {
    const outcome = await evidence({ evidence: text });
    expect(outcome.ok).toBe(false);
    if (message && !outcome.ok) expect(outcome.message).toBe(message);
  });

  it("runtime data in base64url that is not: the data's error", async () => {
    const outcome = await evidence({
      evidence: "AAECAwQ",
      runtimeData: { file: "KioqKg", dataType: "binary", encoding: "base64url" },
    });
    expect(outcome).toMatchObject({ ok: false });
    expect(!outcome.ok && outcome.message.startsWith("The runtime data: ")).toBe(true);
  });
});
