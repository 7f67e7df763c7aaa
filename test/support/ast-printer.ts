import { plainAst, type Range } from "@maa-policy/parser";

/**
 * An indented, diff-friendly rendering of an AST: one node a line with its kind, its scalar fields
 * and its 1-based range; names print as their text.
 */
export function printAst(node: unknown): string {
  return print(plainAst(node), "");
}

function print(node: unknown, indent: string): string {
  if (!isObject(node) || typeof node["kind"] !== "string") return `${indent}${JSON.stringify(node)}\n`;
  const fields: string[] = [];
  const children: [string, unknown][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "kind" || key === "range" || value === undefined) continue;
    if (isName(value)) fields.push(`${key}=${JSON.stringify(value.text)}@${at(value.range)}`);
    else if (isRange(value)) continue;
    else if (Array.isArray(value) || isObject(value)) children.push([key, value]);
    else fields.push(`${key}=${JSON.stringify(value)}`);
  }
  let out = `${indent}${node["kind"]} ${at(node["range"] as Range)}${fields.length ? " " + fields.join(" ") : ""}\n`;
  for (const [key, value] of children) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) continue;
    out += `${indent}  ${key}:\n`;
    for (const child of list) out += print(child, `${indent}    `);
  }
  return out;
}

function at(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRange(value: unknown): value is Range {
  return isObject(value) && "start" in value && "end" in value;
}

function isName(value: unknown): value is { text: string; range: Range } {
  return (
    isObject(value) && typeof value["text"] === "string" && isRange(value["range"]) && !("kind" in value)
  );
}
