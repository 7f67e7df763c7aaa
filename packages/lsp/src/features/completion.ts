import {
  ACTION_ARGUMENTS,
  ACTION_PLACEMENT,
  CLAIM_PROPERTIES,
  ENGINE_PROPERTIES,
  FUNCTIONS,
  ISSUERS,
  SECTION_ORDER,
  SECTION_SINCE,
  SUPPORTED_VERSIONS,
  VALUE_TYPES,
  CLAIM_CATALOGUE,
  catalogueFor,
  compareVersions,
  completionContext,
  isSupportedVersion,
  policyClaimTypes,
  quote,
  signatureText,
  type ActionName,
  type AttestationType,
  type CatalogueClaim,
  type CompletionContext,
  type CompletionSlot,
  type Policy,
  ACTION_SNIPPETS,
  ACTION_TEXT,
  ISSUER_TEXT,
  PROPERTY_TEXT,
  SECTION_TEXT,
} from "@maa-policy/parser";
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
} from "vscode-languageserver";
import { toRange } from "../convert.js";
import type { Workspace } from "../workspace.js";

export function register(ws: Workspace): void {
  ws.connection.onCompletion(async ({ textDocument, position }) => {
    await ws.settingsFor(textDocument.uri);
    const model = ws.model(textDocument.uri);
    if (!model) return [];
    const text = model.document.getText();
    const offset = ws.offset(model, position);
    const context = completionContext(text, offset, { policy: model.analysis.policy, lines: model.lines });
    if (!context) return [];
    const inIssueProperty = context.action === "issueproperty";
    const items = [
      ...keywordItems(context),
      ...context.slots.flatMap((slot) =>
        slotItems(slot, context, model.analysis.attestationType.type, model.analysis.policy, inIssueProperty),
      ),
    ];
    const range = toRange(context.replace);
    const edited = (list: CompletionItem[]) =>
      list.map((item) => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label } }));
    if (items.length <= MAX_COMPLETION_ITEMS) return edited(items);
    // A policy's own claim types are unbounded (10,000 rules, 10,000 types): the server filters.
    const typed = text.slice(context.replace.start.offset, offset);
    return { isIncomplete: true, items: edited(firstMatching(items, typed)) };
  });
}

/**
 * The most items one answer lists. A longer list is filtered by what is typed and cut to this
 * many, in the order the editor shows them, and is marked incomplete, so that the editor asks
 * again as more is typed (docs/language-server.md, "Completion").
 */
export const MAX_COMPLETION_ITEMS = 200;

function firstMatching(items: readonly CompletionItem[], typed: string): CompletionItem[] {
  const wanted = typed.toLowerCase();
  return items
    .filter((item) => isSubsequence(wanted, (item.filterText ?? item.label).toLowerCase()))
    .sort((a, b) => compareText(a.sortText ?? a.label, b.sortText ?? b.label))
    .slice(0, MAX_COMPLETION_ITEMS);
}

/** What editors match completions with: the typed characters in order, not necessarily together. */
function isSubsequence(typed: string, text: string): boolean {
  let at = 0;
  for (let i = 0; i < text.length && at < typed.length; i++) if (text[i] === typed[at]) at++;
  return at === typed.length;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SECTION_NAMES = new Set<string>(SECTION_ORDER);

function keywordItems(context: CompletionContext): CompletionItem[] {
  const version = context.version && isSupportedVersion(context.version) ? context.version : "1.2";
  return context.keywords.flatMap((keyword): CompletionItem[] => {
    if (keyword === "version")
      return [
        snippet("version", "version=${1:1.2};", CompletionItemKind.Keyword, "The policy's language version."),
      ];
    if (SECTION_NAMES.has(keyword)) {
      const name = keyword as keyof typeof SECTION_TEXT;
      if (compareVersions(version, SECTION_SINCE[name]) < 0) return [];
      return [snippet(name, `${name}\n{\n\t$0\n};`, CompletionItemKind.Module, SECTION_TEXT[name])];
    }
    if (keyword in ACTION_SNIPPETS) {
      const action = keyword as ActionName;
      const placement = ACTION_PLACEMENT[action];
      if (context.section && ![...placement.allowed, ...placement.tolerated].includes(context.section))
        return [];
      return [snippet(action, ACTION_SNIPPETS[action], CompletionItemKind.Keyword, ACTION_TEXT[action])];
    }
    return [];
  });
}

function slotItems(
  slot: CompletionSlot,
  context: CompletionContext,
  attestationType: AttestationType | undefined,
  policy: Policy | undefined,
  inIssueProperty: boolean,
): CompletionItem[] {
  switch (slot.kind) {
    case "property":
    case "member":
      return CLAIM_PROPERTIES.map((p) => item(p, CompletionItemKind.Property, PROPERTY_TEXT[p]));
    case "argument":
      return ACTION_ARGUMENTS.map((a) => ({
        ...item(a, CompletionItemKind.Property, PROPERTY_TEXT[a]),
        insertText: `${a}=`,
      }));
    case "version":
      return SUPPORTED_VERSIONS.map((v) =>
        item(v, CompletionItemKind.Constant, `Policy language version ${v}.`),
      );
    case "value":
      return valueItems(slot.property, context, attestationType, policy, inIssueProperty);
    default:
      return [];
  }
}

function valueItems(
  property: string | undefined,
  context: CompletionContext,
  attestationType: AttestationType | undefined,
  policy: Policy | undefined,
  inIssueProperty: boolean,
): CompletionItem[] {
  const strings = (values: [string, string | undefined][], kind: CompletionItemKind) =>
    values.map(([value, doc]) => ({ ...item(quote(value), kind, doc), filterText: quote(value) }));
  if (property === "type" && inIssueProperty)
    return strings(
      Object.entries(ENGINE_PROPERTIES).map(([n, p]) => [n, `${p.type}. ${p.description}`]),
      CompletionItemKind.Constant,
    );
  if (property === "type") {
    // The policy's own attestation type (settings, config, pragma or inferred), else every claim.
    const type = attestationType;
    const catalogue = type ? catalogueFor(type) : CLAIM_CATALOGUE;
    const known = new Set(catalogue.map((c) => c.type));
    const local = (policy ? policyClaimTypes(policy) : [])
      .filter((t) => !known.has(t))
      .map((t): [string, string] => [t, "A claim type this policy adds or issues."]);
    return [...catalogue.map(claimItem), ...strings(local, CompletionItemKind.EnumMember)];
  }
  if (property === "issuer")
    return strings(
      ISSUERS.map((i) => [i, ISSUER_TEXT[i]]),
      CompletionItemKind.EnumMember,
    );
  if (property === "valueType")
    return strings(
      VALUE_TYPES.map((v) => [v, undefined]),
      CompletionItemKind.EnumMember,
    );
  if (context.inString) return [];
  const functions = context.version === "1.0" || context.version === "1.1" ? [] : FUNCTIONS;
  return [
    ...context.bound.map((name) =>
      item(name, CompletionItemKind.Variable, "Bound by a condition of this rule."),
    ),
    ...functions.map((f) =>
      snippet(
        f.name,
        `${f.name}(${f.parameters.map((p, i) => `\${${i + 1}:${p.name}}`).join(", ")})`,
        CompletionItemKind.Function,
        f.description,
        signatureText(f),
      ),
    ),
    item("true", CompletionItemKind.Keyword),
    item("false", CompletionItemKind.Keyword),
  ];
}

/** A catalogued claim: its value type and evidence beside it; deprecated names last, struck through. */
function claimItem(claim: CatalogueClaim): CompletionItem {
  const label = quote(claim.type);
  const replaced = claim.replacedBy ? ` Deprecated: use \`${claim.replacedBy}\`.` : "";
  return {
    label,
    kind: CompletionItemKind.EnumMember,
    filterText: label,
    detail: `${claim.valueType} · ${claim.evidence}`,
    documentation: `${claim.description}${replaced}`,
    ...(claim.replacedBy && { tags: [CompletionItemTag.Deprecated], sortText: `~${claim.type}` }),
  };
}

function item(label: string, kind: CompletionItemKind, documentation?: string): CompletionItem {
  return documentation ? { label, kind, documentation } : { label, kind };
}

function snippet(
  label: string,
  body: string,
  kind: CompletionItemKind,
  documentation: string,
  detail?: string,
): CompletionItem {
  return {
    ...item(label, kind, documentation),
    ...(detail && { detail }),
    insertText: body,
    insertTextFormat: InsertTextFormat.Snippet,
  };
}
