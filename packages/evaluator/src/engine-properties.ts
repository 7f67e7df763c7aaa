import { ENGINE_PROPERTIES, type Claim, type ClaimValue } from "@maa-policy/parser";
import { describeValue, typeName, withArticle } from "./values.js";

/** Bounds the docs give: a 24-bit PCR mask; "Maximum: One year in minutes". */
const RANGES: Readonly<Record<string, { min: number; max: number }>> = {
  required_pcr_mask: { min: 0, max: 0xffffff },
  report_validity_in_minutes: { min: 1, max: 365 * 24 * 60 },
};

/** The engine properties (spec §1.5, §2.7) after a run: each issued value (the last wins) or its documented default. */
export type EngineProperties = Readonly<Record<string, ClaimValue>>;

/** Why `value` cannot be the engine property `type`, or undefined when it can (or `type` is no engine property). */
export function invalidEngineProperty(type: string, value: ClaimValue): string | undefined {
  const spec = Object.hasOwn(ENGINE_PROPERTIES, type) ? ENGINE_PROPERTIES[type] : undefined;
  if (!spec) return undefined;
  if (typeName(value) !== spec.type)
    return `The engine property '${type}' takes ${withArticle(spec.type)}, not the ${typeName(value)} ${describeValue(value)}.`;
  const range = RANGES[type];
  if (range && typeof value === "number" && (value < range.min || value > range.max)) {
    return `The engine property '${type}' must be between ${range.min} and ${range.max}, not ${value}.`;
  }
  return undefined;
}

/** Every documented default: the engine properties of a policy that issues none (shared, frozen). */
export const DEFAULT_ENGINE_PROPERTIES: EngineProperties = Object.freeze(
  Object.fromEntries(
    Object.entries(ENGINE_PROPERTIES).flatMap(([name, spec]) =>
      spec.default === undefined ? [] : [[name, spec.default]],
    ),
  ),
);

/** `engine` after `claim` was issued as a property: the last value wins; other properties change nothing. */
export function withEngineProperty(
  engine: EngineProperties,
  claim: Pick<Claim, "type" | "value">,
): EngineProperties {
  if (!Object.hasOwn(ENGINE_PROPERTIES, claim.type) || engine[claim.type] === claim.value) return engine;
  return { ...engine, [claim.type]: claim.value };
}
