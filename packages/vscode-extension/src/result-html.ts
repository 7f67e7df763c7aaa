/**
 * The evaluation side panel's HTML: a pure function of the server's answer, so it is tested
 * without VS Code. No scripts; every value from the policy or the claims is escaped.
 */
import type { EvaluateResult } from "./protocol.js";

type Claim = EvaluateResult["issued"][number];
type RuleTrace = EvaluateResult["trace"][number];

const VERDICTS: Record<EvaluateResult["verdict"], string> = {
  permit: "Permitted",
  deny: "Denied",
  "no-permit": "Not permitted (no permit() fired)",
  error: "Evaluation failed",
};

export function renderResult(name: string, result: EvaluateResult): string {
  const sections = [
    `<h1 class="${escapeHtml(result.verdict)}">${escapeHtml(VERDICTS[result.verdict])}</h1>`,
    `<p>Policy <code>${escapeHtml(name)}</code>${claimsLine(result.claimsUri)}</p>`,
    result.error
      ? `<pre class="error">${escapeHtml(`${result.error.code}: ${result.error.message}`)}</pre>`
      : "",
    `<h2>Issued claims</h2>${claimsTable(result.issued)}`,
    result.properties.length > 0 ? `<h2>Properties</h2>${claimsTable(result.properties)}` : "",
    `<h2>Trace</h2>${traceTable(result.trace)}`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>${STYLE}</style>
</head>
<body>
${sections.filter((section) => section !== "").join("\n")}
</body>
</html>
`;
}

const STYLE = `body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid var(--vscode-panel-border); }
.permit { color: var(--vscode-testing-iconPassed); } .deny, .no-permit, .error { color: var(--vscode-errorForeground); }
code, pre { font-family: var(--vscode-editor-font-family); } tr.skipped { opacity: 0.6; }`;

function claimsLine(claimsUri: string | undefined): string {
  return claimsUri ? ` against <code>${escapeHtml(decodeURIComponent(claimsUri))}</code>` : "";
}

function claimsTable(claims: readonly Claim[]): string {
  if (claims.length === 0) return "<p>None.</p>";
  const rows = claims.map(
    (claim) =>
      `<tr><td><code>${escapeHtml(claim.type)}</code></td><td><code>${escapeHtml(JSON.stringify(claim.value))}</code></td><td>${escapeHtml(claim.valueType)}</td></tr>`,
  );
  return `<table><tr><th>type</th><th>value</th><th>valueType</th></tr>${rows.join("")}</table>`;
}

function traceTable(trace: readonly RuleTrace[]): string {
  if (trace.length === 0) return "<p>No rule ran.</p>";
  const rows = trace.map((rule) => {
    const conditions = rule.conditions.map(describeCondition).join("<br>");
    const produced = rule.produced.map((claim) =>
      escapeHtml(`${claim.type} = ${JSON.stringify(claim.value)}`),
    );
    const error = rule.error ? `<br><span class="error">${escapeHtml(rule.error.message)}</span>` : "";
    return (
      `<tr class="${rule.fired ? "fired" : "skipped"}"><td>${escapeHtml(rule.section)}</td>` +
      `<td>${rule.range.start.line + 1}</td><td>${rule.fired ? "fired" : "did not fire"}</td>` +
      `<td><code>${escapeHtml(rule.action)}</code></td><td>${conditions}</td><td>${produced.join("<br>")}${error}</td></tr>`
    );
  });
  return `<table><tr><th>section</th><th>line</th><th>rule</th><th>action</th><th>conditions</th><th>produced</th></tr>${rows.join("")}</table>`;
}

function describeCondition(condition: RuleTrace["conditions"][number]): string {
  const name = condition.identifier ? `${condition.identifier}: ` : "";
  const negated = condition.negated ? "!" : "";
  const state = condition.held ? "held" : "did not hold";
  return escapeHtml(`${negated}${name}${state}, ${condition.matched.length} matched`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
