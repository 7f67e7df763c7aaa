import type { Claim } from "@maa-policy/parser";
import type { CompiledRule } from "./compile-policy.js";
import {
  DEFAULT_ENGINE_PROPERTIES,
  invalidEngineProperty,
  withEngineProperty,
  type EngineProperties,
} from "./engine-properties.js";
import { MAX_PRODUCED_CLAIMS } from "./limits.js";
import { Tuning } from "./tuning.js";

/**
 * What the first rules of a policy do on every evaluation alike, done once when it is compiled:
 * the leading rules of configurationrules with no condition whose action is `issueproperty` with
 * literal arguments and a valid value (nearly every configurationrules section). An evaluation
 * without a trace starts from what they made (their claims, frozen and shared, as those actions
 * share them on every run) and runs the rules after them; with a trace every rule runs, so the
 * trace shows each.
 */
export interface Prelude {
  /** How many rules of configurationrules it stands for. */
  readonly rules: number;
  /** Their property claims, in order. */
  readonly properties: readonly Claim[];
  /** The engine properties after them. */
  readonly engine: EngineProperties;
}

/** The prelude of configurationrules' compiled rules; undefined when the first rule is not constant. */
export function preludeOf(configuration: readonly CompiledRule[]): Prelude | undefined {
  if (!Tuning.policyFacts) return undefined;
  const properties: Claim[] = [];
  let engine = DEFAULT_ENGINE_PROPERTIES;
  for (const rule of configuration) {
    const constant = rule.action.constant;
    if (rule.conditions.length > 0 || constant?.action !== "issueproperty") break;
    // A value the engine refuses faults at run time, where the error names its rule.
    if (invalidEngineProperty(constant.claim.type, constant.claim.value) !== undefined) break;
    if (properties.length === MAX_PRODUCED_CLAIMS) break;
    properties.push(constant.claim);
    engine = withEngineProperty(engine, constant.claim);
  }
  if (properties.length === 0) return undefined;
  return { rules: properties.length, properties, engine: Object.freeze(engine) };
}
