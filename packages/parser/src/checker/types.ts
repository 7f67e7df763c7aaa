import type { Expression } from "../ast.js";
import { findFunction, type StaticType } from "../functions.js";

/** What an expression is known to evaluate to before any claim is seen; `Any` when it depends on claims. */
export function staticType(expression: Expression): StaticType {
  switch (expression.kind) {
    case "String":
      return "String";
    case "Integer":
      return "Integer";
    case "Boolean":
      return "Boolean";
    case "PropertyReference":
      return expression.property.text === "value" ? "Any" : "String";
    case "FunctionCall":
      return findFunction(expression.name.text)?.returns ?? "Any";
    case "IdentifierReference":
      return "Any";
  }
}
