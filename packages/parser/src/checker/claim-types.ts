import type { Fix } from "../diagnostic.js";
import { findCatalogueClaim } from "../claims-catalogue.js";
import { quote } from "../string-literal.js";
import { closestAll, orList } from "../suggest.js";
import { ClaimKnowledge, openingConsequence, opensPolicy, type ClaimTest } from "./claim-knowledge.js";
import type { CheckContext, CheckedRule } from "./context.js";

/**
 * `unknown-claim-type`: a condition's `type==` names no incoming claim of the attestation type,
 * no declared claim and no claim an earlier rule adds: it never matches. A warning, and an error
 * where that opens the policy (a deny() that never fires). Without an attestation type, only a
 * name close to a known claim is reported: anything else may be a claim we do not know.
 */
export function checkClaimTypes(ctx: CheckContext, checked: CheckedRule): void {
  const knowledge = ClaimKnowledge.of(ctx);
  for (const test of knowledge.testsOf(checked)) {
    if (knowledge.known(test.claimType, test.ruleIndex)) continue;
    const suggestions = suggest(knowledge, test.claimType, test.ruleIndex);
    if (knowledge.attestationType === undefined && suggestions.length === 0) continue;
    const opens = opensPolicy(test, "never");
    ctx.report(
      opens ? "error" : "warning",
      "unknown-claim-type",
      message(knowledge, test, opens),
      range(test),
      {
        ...(suggestions.length > 0 && {
          hint: `Did you mean ${orList(suggestions)}?`,
          fixes: suggestions.map((s): Fix => ({
            title: `Change to '${s}'`,
            edits: [{ range: range(test), newText: quote(s) }],
            // Another claim changes what the policy does: offered, never applied by --fix.
            offerOnly: true,
          })),
        }),
      },
    );
  }
}

function message(knowledge: ClaimKnowledge, test: ClaimTest, opens: boolean): string {
  const name = test.claimType;
  const t = knowledge.attestationType;
  const elsewhere = findCatalogueClaim(name);
  const later = knowledge.addedLater(name, test.ruleIndex);
  const why = elsewhere
    ? `'${name}' is a claim of ${elsewhere.attestationTypes.join("/")} attestation; ${t} attestation never gives it.`
    : later !== undefined
      ? `'${name}' is added only by a later rule (line ${later}); rules run in order, so it is not there yet.`
      : `No claim '${name}' reaches this condition: it is not an incoming claim${t ? ` of ${t} attestation` : ""}, and no earlier rule adds it.`;
  return opens ? `${why}${openingConsequence(test)}` : why;
}

function range(test: ClaimTest) {
  return test.typeLiteral.range;
}

/**
 * Names the writer may have meant: the same name but for case, `-`/`_` or a `$` (a deprecated
 * name suggests its current one), else the closest by edit distance, every one as close. The
 * catalogue's part is memoised per attestation type: the same unknown name comes back on every
 * keystroke in an editor.
 */
function suggest(knowledge: ClaimKnowledge, name: string, ruleIndex: number): string[] {
  const key = `${knowledge.attestationType}\u0000${name}`;
  let fromCatalogue = memo.get(key);
  if (!fromCatalogue) {
    if (memo.size > 1000) memo.clear();
    memo.set(key, (fromCatalogue = closeNames(name, knowledge.catalogueNames())));
  }
  const local = closeNames(name, knowledge.localNames(ruleIndex));
  return [...new Set([...fromCatalogue, ...local])];
}

const memo = new Map<string, string[]>();

function closeNames(name: string, candidates: readonly string[]): string[] {
  if (candidates.length === 0) return [];
  const norm = (s: string) => s.toLowerCase().replace(/_/g, "-").replace(/^\$/, "");
  const same = candidates.filter((c) => norm(c) === norm(name));
  // A name of a letter or two is another word, not a typo of a claim.
  const found = same.length > 0 ? same : name.length < 3 ? [] : closestAll(name, candidates);
  return found.map((c) => findCatalogueClaim(c)?.replacedBy ?? c);
}
