import type * as ast from "./ast.js";

/** Anything in the AST with a range of its own: the nodes, and the names in them. */
export type SyntaxNode =
  | ast.Policy
  | ast.VersionInfo
  | ast.Section
  | ast.Rule
  | ast.Condition
  | ast.PropertyCondition
  | ast.Action
  | ast.ClaimArgument
  | ast.Expression
  | ast.Comment
  | ast.Name;

/**
 * A node's parts that have a range, in text order (a policy's comments last): for walks that
 * visit every part without knowing each kind, such as the language server's selection ranges.
 */
export function childNodes(node: SyntaxNode): readonly SyntaxNode[] {
  if (!("kind" in node)) return [];
  switch (node.kind) {
    case "Policy":
      return [...(node.version ? [node.version] : []), ...node.sections, ...node.comments];
    case "Section":
      return node.rules;
    case "Rule":
      return [...node.conditions, node.action];
    case "Condition":
      return [...(node.identifier ? [node.identifier] : []), ...node.properties];
    case "PropertyCondition":
      return [node.property, node.value];
    case "Action":
      return node.arguments;
    case "ClaimArgument":
      return [node.name, node.value];
    case "PropertyReference":
      return [node.identifier, node.property];
    case "FunctionCall":
      return [node.name, ...node.arguments];
    default:
      return [];
  }
}
