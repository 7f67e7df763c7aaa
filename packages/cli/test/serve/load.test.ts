import { policyHash } from "@maa-policy/tokens";
import { afterAll, expect, it } from "vitest";
import { claimsOf, startProvider } from "./fixture.js";
import { quote, ROOT_PUBLIC_KEY } from "./evidence.js";

// Parallel attests while another client keeps replacing the policy: each answer must be the whole
// answer of one policy that was set (its hash and its issued claim agree), and nothing fails.
const provider = await startProvider({ rootPublicKey: ROOT_PUBLIC_KEY });
afterAll(() => provider.stop());
const CLIENTS = 6;
const ATTESTS_EACH = 8;
const REPLACEMENTS = 12;
const policy = (value: number) =>
  `version=1.0; authorizationrules{=> permit();}; issuancerules{=> issue(type="in-force", value=${value});};`;

it(`${CLIENTS} clients × ${ATTESTS_EACH} attests while the policy is replaced ${REPLACEMENTS} times`, async () => {
  const sgxQuote = await quote();
  const admin = provider.admin();
  await admin.setPolicy("SgxEnclave", policy(0));
  const byHash = new Map(
    Array.from({ length: REPLACEMENTS + 1 }, (_, value) => [policyHash(policy(value)), value]),
  );
  const replacing = (async () => {
    for (let value = 1; value <= REPLACEMENTS; value++) await admin.setPolicy("SgxEnclave", policy(value));
  })();
  const attesting = Array.from({ length: CLIENTS }, async () => {
    const client = provider.client();
    const seen: [unknown, unknown][] = [];
    for (let i = 0; i < ATTESTS_EACH; i++) {
      const claims = claimsOf((await client.attestSgxEnclave(sgxQuote)).token.serialize());
      seen.push([byHash.get(claims["x-ms-policy-hash"] as string), claims["in-force"]]);
    }
    return seen;
  });
  const [, ...answers] = await Promise.all([replacing, ...attesting]);
  const pairs = answers.flat();
  expect(pairs).toHaveLength(CLIENTS * ATTESTS_EACH);
  for (const [hashed, issued] of pairs) expect(hashed).toBe(issued);
  expect((await admin.getPolicy("SgxEnclave")).body).toBe(policy(REPLACEMENTS));
});
