import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { claimsOf, headerOf, startProvider } from "../../packages/cli/test/serve/fixture.js";
import { expectRecordedClaims, ISSUED_ELSEWHERE } from "./recorded-claims.js";
import { CORPUS_DIR, GROUND_TRUTH_DIR, describeShared } from "./shared.js";

// The recorded evidence attested through policy-eval serve with the official client: the tokens
// carry every claim the service's recorded tokens carry (the recorded ones are from 2021).
describeShared("policy-eval serve against the recorded service", () => {
  const text = (name: string) => readFileSync(join(GROUND_TRUTH_DIR, name), "utf8").trim();
  const bytes = (name: string) => Buffer.from(text(name), "base64url");
  const recorded = (name: string) => claimsOf(text(name));
  let provider: Awaited<ReturnType<typeof startProvider>>;
  afterAll(() => provider?.stop());

  it("the draft-policy attest of the recorded quote gives the recorded draft token's claims", async () => {
    provider = await startProvider();
    const attested = await provider.client().attestSgxEnclave(bytes("sgx-quote.b64url"), {
      runTimeJson: bytes("runtime-data.b64url"),
      draftPolicyForAttestation: "version=1.0; authorizationrules{=> permit();}; issuancerules{};",
    });
    const token = attested.token.serialize();
    const want = recorded("java-rec-draftpolicy-attest-sgx.jwt");
    expect(Object.keys(headerOf(token))).toEqual(
      Object.keys(headerOf(text("java-rec-draftpolicy-attest-sgx.jwt"))),
    );
    expect(headerOf(token).alg).toBe("none");
    expectRecordedClaims(claimsOf(token), want, ISSUED_ELSEWHERE);
  });

  it("the recorded report under the recorded 2021 default policy gives the recorded signed token's claims", async () => {
    const policy = readFileSync(
      join(
        CORPUS_DIR,
        readdirSync(CORPUS_DIR).find((n) => n.startsWith("20-"))!,
      ),
      "utf8",
    );
    await provider.admin().setPolicy("OpenEnclave", policy);
    const attested = await provider.client().attestOpenEnclave(bytes("openenclave-report.b64url"), {
      runTimeData: bytes("runtime-data.b64url"),
    });
    const token = attested.token.serialize();
    expect(Object.keys(headerOf(token))).toEqual(["alg", "jku", "kid", "typ"]);
    expectRecordedClaims(
      claimsOf(token),
      recorded("java-rec-attest-openenclave-shared-default-policy.jwt"),
      ISSUED_ELSEWHERE,
    );
  });
});
