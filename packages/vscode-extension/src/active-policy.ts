import * as vscode from "vscode";

/**
 * The policy a command works on: the one named by a code lens argument (`{ uri }`) or an explorer
 * click (a Uri), else the active editor's document when it is a policy.
 */
export async function policyDocument(target?: unknown): Promise<vscode.TextDocument> {
  const uri = targetUri(target);
  if (uri) return vscode.workspace.openTextDocument(uri);
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId !== "maa-policy") {
    throw new Error('Open a policy (language "MAA Policy") first.');
  }
  return document;
}

function targetUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === "object" && target !== null && "uri" in target && typeof target.uri === "string") {
    return vscode.Uri.parse(target.uri);
  }
  return undefined;
}
