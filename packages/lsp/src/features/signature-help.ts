import { completionContext, findFunction, signatureText } from "@maa-policy/parser";
import type { SignatureHelp } from "vscode-languageserver";
import type { Workspace } from "../workspace.js";

export function register(ws: Workspace): void {
  ws.connection.onSignatureHelp(({ textDocument, position }): SignatureHelp | null => {
    const model = ws.model(textDocument.uri);
    if (!model) return null;
    const hints = { policy: model.analysis.policy, lines: model.lines };
    const call = completionContext(model.document.getText(), ws.offset(model, position), hints)?.call;
    const f = call && findFunction(call.name);
    if (!call || !f) return null;
    return {
      signatures: [
        {
          label: signatureText(f),
          documentation: f.description,
          parameters: f.parameters.map((p) => ({ label: p.name, documentation: p.description })),
        },
      ],
      activeSignature: 0,
      activeParameter: Math.min(call.argument, f.parameters.length - 1),
    };
  });
}
