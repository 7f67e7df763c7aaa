import type { EvaluateResult } from "../protocol.js";

/**
 * The Evaluate command's answer in words, for clients that show only messages: one line to show
 * (the verdict, or the service's error), and the issued claims and the rules for the log.
 */
export function evaluationMessage(
  uri: string,
  result: EvaluateResult,
): { permitted: boolean; message: string; details: string } {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf("/") + 1));
  const claims = result.claimsUri
    ? ` against ${decodeURIComponent(result.claimsUri.slice(result.claimsUri.lastIndexOf("/") + 1))}`
    : "";
  const permitted = result.verdict === "permit";
  const count = `${result.issued.length} claim${result.issued.length === 1 ? "" : "s"} issued`;
  const message = permitted
    ? `${name}: permitted${claims}, ${count}`
    : `${name}: ${result.verdict}${claims}: ${result.error ? `${result.error.code}: ${result.error.message}` : ""}`;
  const details = [
    ...result.issued.map((claim) => `  ${claim.type}: ${JSON.stringify(claim.value)}`),
    ...result.trace.map(
      (rule) =>
        `  line ${rule.range.start.line + 1}: ${rule.section} rule ${rule.index + 1} ${rule.error ? "failed" : rule.fired ? "fired" : "did not fire"}`,
    ),
  ].join("\n");
  return { permitted, message, details };
}
