import {
  ACTION_PLACEMENT,
  ENGINE_PROPERTIES,
  SUPPORTED_VERSIONS,
  findCatalogueClaim,
  findFunction,
  signatureText,
  bindingOf,
  nodeAt,
  type NodeAt,
  ACTION_TEXT,
  ISSUER_TEXT,
  PROPERTY_TEXT,
  SECTION_TEXT,
} from "@maa-policy/parser";
import { MarkupKind, type Hover } from "vscode-languageserver";
import { toRange } from "../convert.js";
import type { Workspace } from "../workspace.js";

export function register(ws: Workspace): void {
  ws.connection.onHover(({ textDocument, position }): Hover | null => {
    const model = ws.model(textDocument.uri);
    const policy = model?.analysis.policy;
    if (!model || !policy) return null;
    const node = nodeAt(policy, ws.offset(model, position));
    const value = node && describe(node, model.document.getText());
    return value ? { contents: { kind: MarkupKind.Markdown, value }, range: toRange(node.range) } : null;
  });
}

function describe(node: NodeAt, text: string): string | undefined {
  switch (node.kind) {
    case "version":
      return `**version**: the policy language version (${SUPPORTED_VERSIONS.join(", ")}).`;
    case "section":
      return `**${node.section.name}**\n\n${SECTION_TEXT[node.section.name]}`;
    case "action": {
      const placement = ACTION_PLACEMENT[node.action.name];
      return `**${node.action.name}()**\n\n${ACTION_TEXT[node.action.name]}\n\nAllowed in: ${placement.allowed.join(", ")}.`;
    }
    case "property": {
      const doc = PROPERTY_TEXT[node.name.text];
      return doc && `**${node.name.text}** (${node.argument ? "argument" : "claim property"})\n\n${doc}`;
    }
    case "function": {
      const f = findFunction(node.call.name.text);
      if (!f) return undefined;
      const params = f.parameters.map((p) => `- \`${p.name}\`: ${p.description}`).join("\n");
      return `\`\`\`\n${signatureText(f)}\n\`\`\`\n\n${f.description}\n\n${params}\n\nSince version ${f.since}.`;
    }
    case "identifier": {
      const binding = bindingOf(node.rule, node.name);
      if (!binding) return `**${node.name}**: not bound in this rule.`;
      const condition = text.slice(binding.range.start.offset, binding.range.end.offset);
      return `**${node.name}**: the claims matching\n\n\`\`\`\n${condition}\n\`\`\``;
    }
    case "string":
      return describeString(node.literal.value, node.property);
  }
}

function describeString(value: string, property: string | undefined): string | undefined {
  if (property === "issuer") return ISSUER_TEXT[value] && `**${value}**: ${ISSUER_TEXT[value]}`;
  if (property !== "type") return undefined;
  const engine = ENGINE_PROPERTIES[value];
  if (engine) return `**${value}** (engine property, ${engine.type})\n\n${engine.description}`;
  const claim = findCatalogueClaim(value);
  if (!claim) return undefined;
  const replaced = claim.replacedBy ? `\n\n*Deprecated*: use \`${claim.replacedBy}\`.` : "";
  return `**${claim.type}** (${claim.valueType})\n\n${claim.description}${replaced}\n\nAttestation types: ${claim.attestationTypes.join(", ")}.\n\nEvidence: ${claim.evidence}.`;
}
