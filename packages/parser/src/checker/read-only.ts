import type { Expression, Rule } from "../ast.js";
import { findFunction } from "../functions.js";
import { READ_ONLY_CLAIMS } from "../language.js";
import type { CheckContext, CheckedRule } from "./context.js";

/**
 * "PCRS are only read-only and thus cannot be used with issue operation" (policy-version-1-2.md).
 * Statically: an identifier bound by a condition on a read-only claim type is read-only, and so is
 * anything computed from it through a propagating function (§1.6). The evaluator enforces the
 * same rule on the values themselves.
 */
export function checkReadOnly(ctx: CheckContext, { rule }: CheckedRule): void {
  if (rule.action.name !== "issue" && rule.action.name !== "issueproperty") return;
  const readOnly = readOnlyIdentifiers(rule);
  if (readOnly.size === 0) return;
  for (const argument of rule.action.arguments) {
    if (isReadOnly(argument.value, readOnly)) {
      ctx.report(
        "error",
        "read-only-claim",
        `'${rule.action.name}' cannot use a read-only claim (${READ_ONLY_CLAIMS.join(", ")}); test it in a condition instead.`,
        argument.value.range,
      );
    }
  }
}

function readOnlyIdentifiers(rule: Rule): Set<string> {
  const names = new Set<string>();
  for (const condition of rule.conditions) {
    const type = condition.properties.find((p) => p.property.text === "type" && p.operator === "==")?.value;
    if (
      condition.identifier &&
      type?.kind === "String" &&
      (READ_ONLY_CLAIMS as readonly string[]).includes(type.value)
    ) {
      names.add(condition.identifier.text);
    }
  }
  return names;
}

function isReadOnly(expression: Expression, readOnly: ReadonlySet<string>): boolean {
  switch (expression.kind) {
    case "PropertyReference":
      return readOnly.has(expression.identifier.text);
    case "IdentifierReference":
      return readOnly.has(expression.name);
    case "FunctionCall":
      return (
        (findFunction(expression.name.text)?.propagatesReadOnly ?? false) &&
        expression.arguments.some((a) => isReadOnly(a, readOnly))
      );
    default:
      return false;
  }
}
