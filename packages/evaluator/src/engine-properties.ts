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

const DEFAULTS: EngineProperties = Object.freeze(
  Object.fromEntries(
    Object.entries(ENGINE_PROPERTIES).flatMap(([name, spec]) =>
      spec.default === undefined ? [] : [[name, spec.default]],
    ),
  ),
);

export function engineProperties(properties: readonly Claim[]): EngineProperties {
  // Most policies set none: share one frozen object rather than build it per evaluation.
  if (!properties.some((claim) => Object.hasOwn(ENGINE_PROPERTIES, claim.type))) return DEFAULTS;
  const values: Record<string, ClaimValue> = { ...DEFAULTS };
  for (const claim of properties)
    if (Object.hasOwn(ENGINE_PROPERTIES, claim.type)) values[claim.type] = claim.value;
  return values;
}
