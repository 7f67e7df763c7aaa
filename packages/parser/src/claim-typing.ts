import { valueTypeOf, type Claim } from "./claim.js";
import { withArticle } from "./suggest.js";
import { findCatalogueClaim } from "./claims-catalogue.js";

/**
 * Claims given with another value type than the service gives them (`"x-ms-sgx-svn": "5"`): a
 * claims file written by hand, most often. Each says what the service would have given, since a
 * condition such as `value==5` holds at the service and not on the file. Empty when all agree.
 */
export function claimTypeWarnings(claims: readonly Claim[]): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const claim of claims) {
    const known = findCatalogueClaim(claim.type);
    const given = valueTypeOf(claim.value);
    if (!known || known.valueType === given || seen.has(claim.type)) continue;
    seen.add(claim.type);
    const service = asServiceWould(claim.value, known.valueType);
    warnings.push(
      `'${claim.type}' is given as the ${given} ${JSON.stringify(claim.value)}; the service gives ${
        service === undefined
          ? `${withArticle(known.valueType)} here`
          : `the ${known.valueType} ${JSON.stringify(service)}`
      }, so conditions that hold at the service may not hold on these claims.`,
    );
  }
  return warnings;
}

function asServiceWould(value: Claim["value"], type: string): Claim["value"] | undefined {
  const text = String(value);
  if (type === "Integer" && /^(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
  if (type === "Boolean" && (text === "true" || text === "false")) return text === "true";
  if (type === "String") return text;
  return undefined;
}
