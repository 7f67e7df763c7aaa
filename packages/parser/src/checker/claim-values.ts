import type { ClaimValueType } from "../claim.js";
import type { Domain } from "../claims-catalogue.js";
import type { Fix } from "../diagnostic.js";
import { quote } from "../string-literal.js";
import { withArticle } from "../suggest.js";
import {
  ClaimKnowledge,
  literalType,
  openingConsequence,
  opensPolicy,
  type ClaimTest,
  type KnownClaim,
  type ValueComparison,
} from "./claim-knowledge.js";
import type { CheckContext, CheckedRule } from "./context.js";

const ORDERING = new Set(["<", "<=", ">", ">="]);

/**
 * The values a condition compares a known claim with. `claim-value-type`: a literal of another
 * type than the claim's (`"1"` against an Integer), which never equals it, with the literal of the
 * right type offered where the meaning is clear. `dead-condition`: a literal outside the claim's
 * domain (an SVN past 16 bits, a 63-digit MRSIGNER, upper-case hex). Both are warnings, and errors
 * where the condition opens the policy.
 */
export function checkClaimValues(ctx: CheckContext, checked: CheckedRule): void {
  const knowledge = ClaimKnowledge.of(ctx);
  for (const test of knowledge.testsOf(checked)) {
    const claim = knowledge.known(test.claimType, test.ruleIndex);
    if (!claim?.valueType) continue;
    for (const property of test.values) {
      const finding =
        typeFinding(test.claimType, claim.valueType, property) ?? domainFinding(test, claim, property);
      if (!finding) continue;
      const opens = opensPolicy(test, finding.holds);
      const message = opens ? `${finding.message}${openingConsequence(test)}` : finding.message;
      ctx.report(opens ? "error" : "warning", finding.code, message, property.value.range, {
        ...(finding.fix && { fixes: [{ ...finding.fix, offerOnly: true }] }),
      });
    }
  }
}

interface Finding {
  readonly code: "claim-value-type" | "dead-condition";
  readonly message: string;
  /** Whether the comparison can never hold, or always holds (`!=` a value of another type). */
  readonly holds: "never" | "always";
  readonly fix?: Fix;
}

function typeFinding(
  name: string,
  valueType: ClaimValueType,
  property: ValueComparison,
): Finding | undefined {
  const value = property.value;
  const literal = literalType(value);
  if (!literal) return undefined;
  // Built only for a finding: nearly every comparison has none.
  const claim = () => `'${name}' is ${withArticle(valueType)} claim`;
  if (ORDERING.has(property.operator)) {
    if (valueType === "Integer") return undefined;
    return {
      code: "claim-value-type",
      message: `${claim()}; '${property.operator}' compares Integers only, so this never holds.`,
      holds: "never",
    };
  }
  if (literal === valueType) return undefined;
  const shown =
    value.kind === "String" || value.kind === "Integer"
      ? value.raw
      : value.kind === "Boolean"
        ? String(value.value)
        : "";
  const equal = property.operator === "==";
  const replacement = retyped(value, valueType);
  return {
    code: "claim-value-type",
    message: `${claim()}; ${withArticle(literal)} ${shown} ${equal ? "never equals it, so this never holds" : "always differs from it, so this always holds"}.`,
    holds: equal ? "never" : "always",
    ...(replacement !== undefined && {
      fix: { title: `Change to ${replacement}`, edits: [{ range: value.range, newText: replacement }] },
    }),
  };
}

/** The literal of the claim's type that the writer clearly meant, or undefined when unclear. */
function retyped(value: ValueComparison["value"], to: ClaimValueType): string | undefined {
  if (value.kind === "String") {
    if (to === "Integer" && /^(0|[1-9]\d{0,14})$/.test(value.value)) return value.value;
    if (to === "Boolean" && (value.value === "true" || value.value === "false")) return value.value;
    return undefined;
  }
  if (to === "String" && (value.kind === "Integer" || value.kind === "Boolean"))
    return quote(String(value.value));
  return undefined;
}

function domainFinding(test: ClaimTest, claim: KnownClaim, property: ValueComparison): Finding | undefined {
  const domain = claim.catalogue?.domain;
  if (!domain) return undefined;
  const why = !isPlaceholder(test.claimType, property) && outside(domain, property);
  if (!why) return undefined;
  return {
    code: "dead-condition",
    message: `'${test.claimType}' is ${domain.what}; ${why}, so this never holds.`,
    holds: property.operator === "!=" ? "always" : "never",
    ...(why.includes("upper-case") &&
      property.value.kind === "String" && {
        fix: {
          title: "Change to lower case",
          edits: [{ range: property.value.range, newText: quote(property.value.value.toLowerCase()) }],
        },
      }),
  };
}

/**
 * `"<mrsigner>"`, `"mrsigner1"`: a docs template's stand-in, to be filled in, not a value (the
 * Microsoft samples write them so); it names the claim or sits in angle brackets.
 */
function isPlaceholder(claimType: string, property: ValueComparison): boolean {
  if (property.value.kind !== "String") return false;
  const text = property.value.value.toLowerCase();
  return /^<[^<>]*>$/.test(text) || text.includes(claimType.split(/[-_]/).pop()!.toLowerCase());
}

/** Why the compared value is outside the domain, or undefined when it is inside (or unknown). */
function outside(domain: Domain, property: ValueComparison): string | undefined {
  const value = property.value;
  const op = property.operator;
  if (domain.kind === "integer" && value.kind === "Integer") {
    const n = value.value;
    if ((op === "==" || op === "!=") && (n < domain.min || n > domain.max)) return `${n} is out of its range`;
    if ((op === ">" && n >= domain.max) || (op === ">=" && n > domain.max))
      return `nothing is above ${domain.max}`;
    if ((op === "<" && n <= domain.min) || (op === "<=" && n < domain.min))
      return `nothing is below ${domain.min}`;
    return undefined;
  }
  if (domain.kind === "hex" && value.kind === "String" && (op === "==" || op === "!=")) {
    const text = value.value;
    if (!/^[0-9a-fA-F]*$/.test(text)) return "this value has characters that are not hex digits";
    if (text.length !== domain.digits) return `this value has ${text.length} digits`;
    if (/[A-F]/.test(text)) return "this value has upper-case digits, and the service writes lower case";
  }
  return undefined;
}
