import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { analyzePolicy, findCatalogueClaim } from "@maa-policy/parser";
import { expect, it } from "vitest";
import { CORPUS_DIR, describeShared } from "./shared.js";

/**
 * The property: renaming any incoming claim in a deny rule by one edit is always reported.
 * Every deny() condition on a catalogued claim, in the corpus, the real policies and the example,
 * is renamed by one insertion, deletion, substitution or swap; the result must draw
 * `unknown-claim-type` on that condition, as an error (a deny that never fires opens the policy).
 * An edit that lands on another claim the policy can see (`x-ms-azurevm-dbvalidated` and
 * `…-dbxvalidated` are one insertion apart) is no misspelling, and is skipped.
 */
interface Site {
  readonly name: string;
  readonly text: string;
  /** Offset of the claim name's first character (inside its quotes). */
  readonly at: number;
  readonly claim: string;
}

function sites(name: string, text: string): Site[] {
  const analysis = analyzePolicy(text);
  if (analysis.hasErrors || !analysis.policy) return [];
  const found: Site[] = [];
  for (const section of analysis.policy.sections) {
    if (section.name !== "authorizationrules") continue;
    for (const rule of section.rules) {
      if (rule.action.name !== "deny") continue;
      for (const condition of rule.conditions.filter((c) => !c.negated))
        for (const p of condition.properties)
          if (p.property.text === "type" && p.value.kind === "String" && findCatalogueClaim(p.value.value))
            found.push({ name, text, at: p.value.range.start.offset + 1, claim: p.value.value });
    }
  }
  return found;
}

const root = join(import.meta.dirname, "..", "..");
const sources: [string, string][] = [
  ...readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".policy.txt"))
    .map((f): [string, string] => [f, readFileSync(join(CORPUS_DIR, f), "utf8")]),
  ["examples/sgx-enclave.policy", readFileSync(join(root, "examples", "sgx-enclave.policy"), "utf8")],
  // The playground's examples: ours, one per attestation type, so the newer claim sets are renamed too.
  ...readdirSync(join(root, "packages", "playground", "examples"))
    .filter((f) => f.endsWith(".policy"))
    .map((f): [string, string] => [
      `playground/${f}`,
      readFileSync(join(root, "packages", "playground", "examples", f), "utf8"),
    ]),
];

const CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_$ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const edit = fc.record({
  kind: fc.constantFrom("insert", "delete", "substitute", "swap"),
  index: fc.nat(),
  char: fc.constantFrom(...CHARS),
});

function rename(claim: string, e: { kind: string; index: number; char: string }): string {
  const i = e.index % (claim.length + (e.kind === "insert" ? 1 : 0));
  switch (e.kind) {
    case "insert":
      return claim.slice(0, i) + e.char + claim.slice(i);
    case "delete":
      return claim.slice(0, i) + claim.slice(i + 1);
    case "substitute":
      return claim.slice(0, i) + e.char + claim.slice(i + 1);
    default:
      return i + 1 < claim.length ? claim.slice(0, i) + claim[i + 1] + claim[i] + claim.slice(i + 2) : claim;
  }
}

describeShared("renaming an incoming claim of a deny rule by one edit is always reported", () => {
  const all = sources.flatMap(([name, text]) => sites(name, text));

  it("has deny rules to rename in", () => expect(all.length).toBeGreaterThanOrEqual(5));

  it("reports every such renaming as an error at the renamed claim", () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), edit, (site, e) => {
        const renamed = rename(site.claim, e);
        const text = site.text.slice(0, site.at) + renamed + site.text.slice(site.at + site.claim.length);
        const original = analyzePolicy(site.text);
        // As a user runs it: no attestation type given, so it is inferred from the renamed policy.
        const analysis = analyzePolicy(text);
        // Another claim this policy's type has, or an unchanged name, is no misspelling.
        const other = findCatalogueClaim(renamed);
        fc.pre(
          renamed !== site.claim &&
            !(other && other.attestationTypes.includes(original.attestationType.type!)),
        );
        const found = analysis.diagnostics.find(
          (d) => d.code === "unknown-claim-type" && d.range.start.offset === site.at - 1,
        );
        expect(found?.severity, `${site.name}: '${site.claim}' renamed '${renamed}'`).toBe("error");
      }),
      { numRuns: 500 },
    );
  });
});
