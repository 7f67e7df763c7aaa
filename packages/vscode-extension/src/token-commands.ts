import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { decodePolicyToken } from "@maa-policy/tokens";
import { policyDocument } from "./active-policy.js";
import { ENCODE_TOKEN_REQUEST, HASH_REQUEST, type EncodeTokenResult, type HashResult } from "./protocol.js";

export async function showHash(client: LanguageClient): Promise<void> {
  const document = await policyDocument();
  const hash = await client.sendRequest<HashResult>(HASH_REQUEST, { uri: document.uri.toString() });
  const choice = await vscode.window.showInformationMessage(
    `Policy hash (x-ms-policy-hash): ${hash.policyHash} · Token hash: ${hash.tokenHash}`,
    "Copy Policy Hash",
    "Copy Token Hash",
  );
  if (choice === "Copy Policy Hash") await vscode.env.clipboard.writeText(hash.policyHash);
  if (choice === "Copy Token Hash") await vscode.env.clipboard.writeText(hash.tokenHash);
}

export async function encodeToken(client: LanguageClient): Promise<void> {
  const document = await policyDocument();
  const { token } = await client.sendRequest<EncodeTokenResult>(ENCODE_TOKEN_REQUEST, {
    uri: document.uri.toString(),
  });
  await vscode.env.clipboard.writeText(token);
  void vscode.window.showInformationMessage(
    `Copied the unsigned policy token (${token.length} characters), the body of PUT /policies.`,
  );
}

/** A JWS in compact form: what a selection or a whole document must be to be taken as the token. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Decodes in the client (no server round trip): the token may come from any editor, or be pasted. */
export async function openTokenAsPolicy(): Promise<void> {
  const token = tokenInEditor() ?? (await askForToken());
  if (token === undefined) return;
  const decoded = decodePolicyToken(token);
  if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.message}`);
  if (decoded.value.policy === null) throw new Error("The token holds no policy (a reset token?).");
  const document = await vscode.workspace.openTextDocument({
    language: "maa-policy",
    content: decoded.value.policy,
  });
  await vscode.window.showTextDocument(document);
  for (const warning of decoded.warnings) void vscode.window.showWarningMessage(warning.message);
}

function tokenInEditor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const text = (
    editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection)
  )
    .trim()
    .replace(/^"|"$/g, "");
  return COMPACT_JWS.test(text) ? text : undefined;
}

async function askForToken(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: "Open Policy Token as Policy Text",
    prompt: "A policy token (the PUT /policies body, or x-ms-policy from a GET)",
    ignoreFocusOut: true,
    validateInput: (text) =>
      COMPACT_JWS.test(text.trim()) ? undefined : "Not a compact JWS (three dot-separated parts).",
  });
  return value?.trim();
}
