import type { Claim } from "@maa-policy/parser";
import type { RuleTrace } from "@maa-policy/evaluator";
import type { Evaluation, RunResult } from "../engine/protocol.js";
import { copyButton, h } from "./dom.js";

/**
 * The result pane: the verdict in the service's words, issued claims and properties, the trace
 * rule by rule (each rule a button that shows it in the editor), the draft token decoded and raw,
 * `x-ms-policy-hash` and the unsigned policy token.
 */
export function renderResult(
  result: RunResult,
  verdict: HTMLElement,
  pane: HTMLElement,
  reveal: (rule: RuleTrace) => void,
): void {
  const evaluation = result.evaluation;
  verdict.className = verdictClass(evaluation);
  verdict.textContent = !evaluation
    ? "The incoming claims are invalid: see the claims pane."
    : evaluation.kind === "invalid-policy"
      ? `${evaluation.error.code}: ${evaluation.error.message}`
      : evaluation.outcome === "permit"
        ? `Permitted: ${evaluation.issued.length} claim${evaluation.issued.length === 1 ? "" : "s"} issued.`
        : `${evaluation.error?.code ?? "Denied"}: ${evaluation.error?.message ?? ""}`;
  const parts: HTMLElement[] = [];
  if (evaluation?.kind === "evaluated") {
    parts.push(section("Issued claims", claimTable("issued", evaluation.issued)));
    if (evaluation.properties.length)
      parts.push(section("Properties", claimTable("properties", evaluation.properties)));
    parts.push(section("Rule by rule", traceList(evaluation.trace, reveal)));
    if (evaluation.restError)
      parts.push(section("REST error body", pre(JSON.stringify(evaluation.restError, null, 2))));
    if (evaluation.draftToken) {
      const { token, header, body } = evaluation.draftToken;
      const raw = pre(token, "draft-token-raw");
      parts.push(
        section(
          "Draft token",
          pre(
            `${JSON.stringify(header, null, 2)}\n.\n${JSON.stringify(body, null, 2)}`,
            "draft-token-decoded",
          ),
          h("p", { class: "label" }, "Raw (alg none, as draftPolicyForAttestation returns it)"),
          raw,
          copyButton("draft token", () => token, raw),
        ),
      );
    }
  }
  const hash = h("code", { id: "policy-hash" }, result.policyHash);
  const token = pre(result.policyToken, "policy-token");
  parts.push(
    section(
      "x-ms-policy-hash",
      h(
        "p",
        {},
        hash,
        " ",
        copyButton("hash", () => result.policyHash, hash),
      ),
    ),
    section(
      "Policy token (unsigned)",
      h("p", { class: "label" }, `The PUT /policies body. x-ms-policy-token-hash: ${result.policyTokenHash}`),
      token,
      copyButton("policy token", () => result.policyToken, token),
    ),
  );
  pane.replaceChildren(...parts);
}

function verdictClass(evaluation: Evaluation | undefined): string {
  if (evaluation?.kind === "evaluated" && evaluation.outcome === "permit") return "verdict permit";
  return "verdict deny";
}

function section(title: string, ...content: HTMLElement[]): HTMLElement {
  return h("section", { class: "result-part" }, h("h3", {}, title), ...content);
}

function pre(text: string, id?: string): HTMLElement {
  return h("pre", { class: "wrap", tabindex: "0", ...(id && { id }) }, text);
}

function claimTable(id: string, claims: readonly Claim[]): HTMLElement {
  if (!claims.length) return h("p", { id, class: "empty" }, "None.");
  const row = (claim: Claim) =>
    h(
      "tr",
      {},
      h("td", {}, claim.type),
      h("td", {}, JSON.stringify(claim.value)),
      h("td", {}, claim.valueType),
    );
  return h(
    "table",
    { id },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "type"),
        h("th", { scope: "col" }, "value"),
        h("th", { scope: "col" }, "valueType"),
      ),
    ),
    h("tbody", {}, ...claims.map(row)),
  );
}

function traceList(trace: readonly RuleTrace[], reveal: (rule: RuleTrace) => void): HTMLElement {
  if (!trace.length) return h("p", { class: "empty" }, "No rule ran.");
  const item = (rule: RuleTrace) => {
    const mark = rule.error ? "✗ failed" : rule.fired ? "✓ fired" : "· not fired";
    const button = h(
      "button",
      { type: "button", class: `rule ${rule.error ? "error" : rule.fired ? "fired" : "not-fired"}` },
      `${rule.section} #${rule.index + 1} (line ${rule.range.start.line + 1}): ${rule.action} — ${mark}`,
    );
    button.addEventListener("click", () => reveal(rule));
    const produced = rule.produced.map((c) => h("li", {}, `${c.type} = ${JSON.stringify(c.value)}`));
    return h("li", {}, button, produced.length ? h("ul", { class: "produced" }, ...produced) : undefined);
  };
  return h("ol", { id: "trace" }, ...trace.map(item));
}
