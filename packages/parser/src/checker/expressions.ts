import type { Expression, PropertyCondition } from "../ast.js";
import { accepts, FUNCTIONS, findFunction } from "../functions.js";
import { ISSUERS } from "../claim.js";
import { CLAIM_PROPERTIES } from "../language.js";
import { KNOWN_ESCAPES } from "../string-literal.js";
import { closest, withArticle } from "../suggest.js";
import { CheckContext, replaceFix, type CheckedRule } from "./context.js";
import { staticType } from "./types.js";
import { expressionsOf } from "./walk.js";

const ORDERING = new Set(["<", "<=", ">", ">="]);
const FUNCTION_NAMES = FUNCTIONS.map((f) => f.name);

/** Property names, comparisons, function calls and literals. */
export function checkExpressions(ctx: CheckContext, { rule }: CheckedRule): void {
  for (const condition of rule.conditions)
    for (const property of condition.properties) checkCondition(ctx, property);
  for (const expression of expressionsOf(rule)) checkExpression(ctx, expression);
}

function checkProperty(
  ctx: CheckContext,
  name: { text: string; range: PropertyCondition["range"] },
): boolean {
  if ((CLAIM_PROPERTIES as readonly string[]).includes(name.text)) return true;
  const suggestion = closest(name.text, CLAIM_PROPERTIES);
  ctx.report(
    "error",
    "unknown-property",
    `Unknown claim property '${name.text}'; claims have ${CLAIM_PROPERTIES.join(", ")}.`,
    name.range,
    {
      ...(suggestion && {
        hint: `Did you mean '${suggestion}'?`,
        fixes: [replaceFix(`Change to '${suggestion}'`, name.range, suggestion)],
      }),
    },
  );
  return false;
}

function checkCondition(ctx: CheckContext, condition: PropertyCondition): void {
  if (!checkProperty(ctx, condition.property)) return;
  const property = condition.property.text;
  const type = staticType(condition.value);
  if (ORDERING.has(condition.operator) && (property !== "value" || type === "String" || type === "Boolean")) {
    const subject = property !== "value" ? `'${property}' is a String` : `the right-hand side is a ${type}`;
    ctx.report(
      "error",
      "ordering-non-integer",
      `'${condition.operator}' compares Integers only, and ${subject}.`,
      condition.operatorRange,
    );
    return;
  }
  if (property !== "value" && type !== "String" && type !== "Any") {
    ctx.report(
      "error",
      "condition-type-mismatch",
      `'${property}' is a String; comparing it with ${withArticle(type)} never matches.`,
      condition.value.range,
    );
    return;
  }
  if (
    property === "issuer" &&
    condition.value.kind === "String" &&
    !(ISSUERS as readonly string[]).includes(condition.value.value)
  ) {
    const suggestion = closest(condition.value.value, ISSUERS);
    ctx.report(
      "warning",
      "unknown-issuer",
      `No claim has issuer '${condition.value.value}'; issuers are ${ISSUERS.join(", ")}.`,
      condition.value.range,
      {
        ...(suggestion && {
          hint: `Did you mean '${suggestion}'?`,
          fixes: [replaceFix(`Change to '${suggestion}'`, condition.value.range, `"${suggestion}"`)],
        }),
      },
    );
  }
}

function checkExpression(ctx: CheckContext, expression: Expression): void {
  switch (expression.kind) {
    case "PropertyReference":
      checkProperty(ctx, expression.property);
      return;
    case "FunctionCall":
      checkCall(ctx, expression);
      return;
    case "String":
      checkEscapes(ctx, expression);
      return;
    case "Integer":
      if (!Number.isSafeInteger(expression.value)) {
        ctx.report(
          "error",
          "integer-out-of-range",
          `The integer ${expression.raw} is larger than ${Number.MAX_SAFE_INTEGER}.`,
          expression.range,
        );
      }
      return;
    default:
      return;
  }
}

function checkCall(ctx: CheckContext, call: Extract<Expression, { kind: "FunctionCall" }>): void {
  const signature = findFunction(call.name.text);
  if (!signature) {
    const suggestion = closest(call.name.text, FUNCTION_NAMES);
    ctx.report(
      "error",
      "unknown-function",
      `Unknown function '${call.name.text}'; the functions are ${FUNCTION_NAMES.join(", ")}.`,
      call.name.range,
      {
        ...(suggestion && {
          hint: `Did you mean '${suggestion}'?`,
          fixes: [replaceFix(`Change to '${suggestion}'`, call.name.range, suggestion)],
        }),
      },
    );
    return;
  }
  const expected = signature.parameters.length;
  if (call.arguments.length !== expected) {
    ctx.report(
      "error",
      "function-arity",
      `${signature.name} takes ${expected} argument${expected === 1 ? "" : "s"}, not ${call.arguments.length}.`,
      call.range,
    );
    return;
  }
  call.arguments.forEach((argument, i) => {
    const parameter = signature.parameters[i];
    const type = staticType(argument);
    if (!accepts(parameter, type)) {
      const wanted =
        typeof parameter.type === "string"
          ? withArticle(parameter.type)
          : parameter.type.map(withArticle).join(" or ");
      ctx.report(
        "error",
        "argument-type",
        `Argument '${parameter.name}' of ${signature.name} must be ${wanted}, not ${withArticle(type)}.`,
        argument.range,
      );
    }
  });
}

function checkEscapes(ctx: CheckContext, literal: Extract<Expression, { kind: "String" }>): void {
  if (!literal.raw.includes("\\")) return;
  for (let i = 1; i < literal.raw.length - 1; i++) {
    if (literal.raw[i] !== "\\") continue;
    const escaped = literal.raw[i + 1];
    if (!KNOWN_ESCAPES.has(escaped)) {
      const start = literal.range.start;
      const at = { line: start.line, character: start.character + i, offset: start.offset + i };
      const end = { line: start.line, character: at.character + 2, offset: at.offset + 2 };
      ctx.report(
        "warning",
        "unknown-escape",
        `'\\${escaped}' is not a documented escape; it stands for '${escaped}'.`,
        { start: at, end },
        {
          hint: 'Only \\" and \\\\ are documented.',
        },
      );
    }
    i++;
  }
}
