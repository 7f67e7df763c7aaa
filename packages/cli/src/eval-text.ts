import type { Claim } from "@maa-policy/parser";
import type { EvaluationResult, RuleTrace } from "@maa-policy/evaluator";
import { displayPosition, type Style } from "./output/display.js";

/** `type: value`, the value as JSON so strings and numbers read apart. */
export function formatClaim(claim: Claim): string {
  return `${claim.type}: ${JSON.stringify(claim.value)}`;
}

/** The verdict and what was issued; a runtime error is prefixed with where it happened. */
export function formatOutcome(result: EvaluationResult, path: string, style: Style): string {
  if (!result.permitted) {
    const where = result.failure ? `${path}:${location(result.failure.range.start)}: ` : "";
    const label = result.outcome === "error" ? "error" : "denied";
    return `${style.bold(where)}${style.severity("error", label)}: ${result.error?.message ?? ""}\n`;
  }
  const lines = [`${style.bold("permitted")}: ${count(result.issued.length, "claim")} issued`];
  for (const claim of result.issued) lines.push(`  ${formatClaim(claim)}`);
  if (result.properties.length > 0) {
    lines.push(`properties: ${count(result.properties.length, "claim")}`);
    for (const claim of result.properties) lines.push(`  ${formatClaim(claim)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `--explain`: each rule that ran, with each condition's source, whether it held and what it matched. */
export function formatExplanation(
  result: EvaluationResult,
  source: { path: string; text: string },
  style: Style,
): string {
  const out: string[] = [];
  for (const rule of result.trace ?? []) {
    out.push(
      `${style.bold(`${source.path}:${location(rule.range.start)}`)} ${rule.section} rule ${rule.index + 1}: ${verdict(rule, style)}`,
    );
    for (const condition of rule.conditions) {
      const text = source.text.slice(condition.range.start.offset, condition.range.end.offset);
      const state = condition.held ? "held" : style.dim("did not hold");
      const matched = condition.negated
        ? condition.held
          ? "no claim matched"
          : `${count(condition.matched.length, "claim")} matched`
        : `${count(condition.matched.length, "claim")} matched`;
      out.push(`  ${text}  ${state} (${matched})`);
      for (const claim of condition.matched) out.push(`    ${formatClaim(claim)} [${claim.issuer}]`);
    }
    for (const claim of rule.produced) out.push(`  => ${rule.action} ${formatClaim(claim)}`);
    if (rule.error) out.push(`  ${style.severity("error", "error")}: ${rule.error.message}`);
  }
  return out.length > 0 ? `${out.join("\n")}\n\n` : "";
}

function verdict(rule: RuleTrace, style: Style): string {
  if (rule.error) return style.severity("error", "failed");
  if (!rule.fired) return style.dim("not fired");
  return rule.action === "permit" || rule.action === "deny" ? `fired: ${rule.action}()` : "fired";
}

function location(position: { line: number; character: number; offset: number }): string {
  const { line, column } = displayPosition(position);
  return `${line}:${column}`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
