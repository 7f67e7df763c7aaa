import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { policyDocument } from "./active-policy.js";
import { EVALUATE_REQUEST, type EvaluateResult } from "./protocol.js";
import type { ResultPanel } from "./result-panel.js";

/**
 * Evaluates the policy on the server. Without `pick`, the server finds the claims file (the
 * `maaPolicy.claimsFile` setting, then `<name>.claims.json` beside the policy) and the user is
 * asked only when it found none.
 */
export async function evaluate(
  client: LanguageClient,
  panel: ResultPanel,
  target: unknown,
  pick: boolean,
): Promise<void> {
  const document = await policyDocument(target);
  const uri = document.uri.toString();
  let claimsUri = pick ? await pickClaimsFile(document) : undefined;
  if (pick && !claimsUri) return;
  let result = await client.sendRequest<EvaluateResult>(EVALUATE_REQUEST, { uri, claimsUri });
  if (!pick && result.claimsUri === undefined) {
    claimsUri = await pickClaimsFile(document);
    if (!claimsUri) return;
    result = await client.sendRequest<EvaluateResult>(EVALUATE_REQUEST, { uri, claimsUri });
  }
  panel.show(document, result);
}

async function pickClaimsFile(document: vscode.TextDocument): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: "Incoming claims for the evaluation",
    openLabel: "Evaluate",
    canSelectMany: false,
    defaultUri: vscode.workspace.getWorkspaceFolder(document.uri)?.uri,
    filters: { "Claims (JSON)": ["json"], "All files": ["*"] },
  });
  return picked?.[0]?.toString();
}
