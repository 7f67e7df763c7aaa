import type { Action, Section } from "../ast.js";
import { ACTION_ARGUMENTS, ACTION_PLACEMENT, ENGINE_PROPERTIES, VALUE_TYPES } from "../language.js";
import { closest, withArticle } from "../suggest.js";
import { CheckContext, replaceFix, type CheckedRule } from "./context.js";
import { staticType } from "./types.js";

/** Where actions may stand and what arguments they take (spec §1.3.9, the docs' action table). */
export function checkActions(ctx: CheckContext, { rule, section }: CheckedRule): void {
  checkPlacement(ctx, rule.action, section);
  if (rule.action.name !== "permit" && rule.action.name !== "deny") checkArguments(ctx, rule.action, section);
}

function checkPlacement(ctx: CheckContext, action: Action, section: Section): void {
  const placement = ACTION_PLACEMENT[action.name];
  if (placement.allowed.includes(section.name)) return;
  const where = placement.allowed.join(" or ");
  if (placement.tolerated.includes(section.name)) {
    ctx.report(
      "warning",
      "action-placement",
      `The docs allow '${action.name}' only in ${where}; in '${section.name}' the service's behaviour is undocumented.`,
      action.nameRange,
    );
    return;
  }
  ctx.report(
    "error",
    "action-placement",
    `'${action.name}' is not allowed in '${section.name}'; it belongs in ${where}.`,
    action.nameRange,
  );
}

function checkArguments(ctx: CheckContext, action: Action, section: Section): void {
  const seen = new Map<string, boolean>();
  let unknown = false;
  for (const argument of action.arguments) {
    const name = argument.name.text;
    if (!(ACTION_ARGUMENTS as readonly string[]).includes(name)) {
      unknown = true;
      const suggestion = closest(name, ACTION_ARGUMENTS);
      ctx.report(
        "error",
        "unknown-argument",
        `Unknown argument '${name}'; arguments are ${ACTION_ARGUMENTS.join(", ")}.`,
        argument.name.range,
        {
          ...(suggestion && {
            hint: `Did you mean '${suggestion}'?`,
            fixes: [replaceFix(`Change to '${suggestion}'`, argument.name.range, suggestion)],
          }),
        },
      );
      continue;
    }
    if (seen.has(name)) {
      ctx.report(
        "error",
        "duplicate-argument",
        `The argument '${name}' is given more than once.`,
        argument.name.range,
      );
    }
    seen.set(name, true);
    const type = staticType(argument.value);
    if (name === "claim") {
      if (argument.value.kind !== "IdentifierReference") {
        ctx.report(
          "error",
          "claim-argument",
          "'claim=' takes the identifier of a condition, as in issue(claim=c).",
          argument.value.range,
        );
      }
    } else if (argument.value.kind === "IdentifierReference") {
      ctx.report(
        "error",
        "claim-argument",
        `'${argument.value.name}' names a set of claims; write '${argument.value.name}.${name === "type" ? "type" : "value"}' for one of its properties.`,
        argument.value.range,
      );
    } else if (
      (name === "type" || name === "issuer" || name === "valueType") &&
      type !== "String" &&
      type !== "Any"
    ) {
      ctx.report(
        "error",
        "argument-type",
        `'${name}=' must be a String, not ${withArticle(type)}.`,
        argument.value.range,
      );
    } else if (
      name === "valueType" &&
      argument.value.kind === "String" &&
      !(VALUE_TYPES as readonly string[]).includes(argument.value.value)
    ) {
      ctx.report(
        "error",
        "invalid-value-type",
        `valueType must be one of ${VALUE_TYPES.join(", ")}.`,
        argument.value.range,
      );
    }
  }
  if (seen.has("claim")) {
    if (action.arguments.length > 1) {
      ctx.report(
        "error",
        "claim-argument",
        "'claim=' re-issues whole claims and takes no other argument.",
        action.range,
      );
    }
    return;
  }
  // A misspelt argument is reported once, as unknown, not again as missing.
  const missing = ["type", "value"].filter((name) => !seen.has(name));
  if (missing.length > 0 && !unknown) {
    ctx.report(
      "error",
      "missing-argument",
      `${action.name}() needs ${missing.map((m) => `'${m}='`).join(" and ")} (or 'claim=' with an identifier).`,
      action.range,
    );
  }
  if (action.name === "issueproperty") checkEngineProperty(ctx, action, section);
}

/** `issueproperty` names engine properties; a misspelt one (`required_pcrs_mask`) silently does nothing. */
function checkEngineProperty(ctx: CheckContext, action: Action, section: Section): void {
  const type = action.arguments.find((a) => a.name.text === "type")?.value;
  if (type?.kind !== "String" || ENGINE_PROPERTIES[type.value]) return;
  const suggestion = closest(type.value, Object.keys(ENGINE_PROPERTIES));
  if (!suggestion && section.name !== "configurationrules") return;
  ctx.report(
    "warning",
    "unknown-engine-property",
    `'${type.value}' is not a documented engine property; the policy engine ignores it.`,
    type.range,
    suggestion
      ? {
          hint: `Did you mean '${suggestion}'?`,
          fixes: [replaceFix(`Change to '${suggestion}'`, type.range, `"${suggestion}"`)],
        }
      : undefined,
  );
}
