/**
 * The JMESPath that `JmesPath()` accepts: the one list the checker reports against and the
 * evaluator runs with (docs/decisions.md, "The JMESPath dialect").
 *
 * Azure Attestation documents no dialect. Its policies use the functions of the JMESPath
 * specification (jmespath.org; `length` in the TPM samples) and one function of its own,
 * `equals_ignore_case` (spec §1.6, corpus 09, 17, 27). The library we run,
 * @jmespath-community/jmespath, adds the JMESPath Community functions (`replace`, `trim`, `split`,
 * `pad_left`, …) and syntax (`let`, arithmetic, `? :`, `$`), which no MAA document or policy uses;
 * they are refused, so a policy that runs here does not fail at the service, and so no query can
 * reach `replace(@,'a','b',`1000000000`)` (an out-of-memory abort) or the quadratic `trim`.
 */
export type JmesPathType =
  | "any"
  | "number"
  | "string"
  | "boolean"
  | "array"
  | "object"
  | "null"
  | "expression"
  | "array[number]"
  | "array[string]";

export interface JmesPathParameter {
  readonly name: string;
  readonly types: readonly JmesPathType[];
}

export interface JmesPathFunction {
  readonly name: string;
  readonly parameters: readonly JmesPathParameter[];
  /** The last parameter repeats (`merge`, `not_null`). */
  readonly variadic?: true;
  readonly returns: JmesPathType;
  /** `spec`: the JMESPath specification's built-ins; `maa`: seen in MAA's own policies. */
  readonly evidence: "spec" | "maa";
}

const p = (name: string, ...types: JmesPathType[]): JmesPathParameter => ({ name, types });
const ARRAY_NUMBER_OR_STRING: JmesPathType[] = ["array[number]", "array[string]"];

export const JMESPATH_FUNCTIONS: readonly JmesPathFunction[] = [
  { name: "abs", parameters: [p("value", "number")], returns: "number", evidence: "spec" },
  { name: "avg", parameters: [p("elements", "array[number]")], returns: "number", evidence: "spec" },
  { name: "ceil", parameters: [p("value", "number")], returns: "number", evidence: "spec" },
  {
    name: "contains",
    parameters: [p("subject", "array", "string"), p("search", "any")],
    returns: "boolean",
    evidence: "spec",
  },
  {
    name: "ends_with",
    parameters: [p("subject", "string"), p("suffix", "string")],
    returns: "boolean",
    evidence: "spec",
  },
  {
    name: "equals_ignore_case",
    parameters: [p("left", "any"), p("right", "any")],
    returns: "boolean",
    evidence: "maa",
  },
  { name: "floor", parameters: [p("value", "number")], returns: "number", evidence: "spec" },
  {
    name: "join",
    parameters: [p("glue", "string"), p("strings", "array[string]")],
    returns: "string",
    evidence: "spec",
  },
  { name: "keys", parameters: [p("object", "object")], returns: "array", evidence: "spec" },
  {
    name: "length",
    parameters: [p("subject", "string", "array", "object")],
    returns: "number",
    evidence: "spec",
  },
  {
    name: "map",
    parameters: [p("expression", "expression"), p("elements", "array")],
    returns: "array",
    evidence: "spec",
  },
  { name: "max", parameters: [p("elements", ...ARRAY_NUMBER_OR_STRING)], returns: "any", evidence: "spec" },
  {
    name: "max_by",
    parameters: [p("elements", "array"), p("expression", "expression")],
    returns: "any",
    evidence: "spec",
  },
  {
    name: "merge",
    parameters: [p("objects", "object")],
    variadic: true,
    returns: "object",
    evidence: "spec",
  },
  { name: "min", parameters: [p("elements", ...ARRAY_NUMBER_OR_STRING)], returns: "any", evidence: "spec" },
  {
    name: "min_by",
    parameters: [p("elements", "array"), p("expression", "expression")],
    returns: "any",
    evidence: "spec",
  },
  { name: "not_null", parameters: [p("values", "any")], variadic: true, returns: "any", evidence: "spec" },
  { name: "reverse", parameters: [p("subject", "string", "array")], returns: "any", evidence: "spec" },
  {
    name: "sort",
    parameters: [p("elements", ...ARRAY_NUMBER_OR_STRING)],
    returns: "array",
    evidence: "spec",
  },
  {
    name: "sort_by",
    parameters: [p("elements", "array"), p("expression", "expression")],
    returns: "array",
    evidence: "spec",
  },
  {
    name: "starts_with",
    parameters: [p("subject", "string"), p("prefix", "string")],
    returns: "boolean",
    evidence: "spec",
  },
  { name: "sum", parameters: [p("elements", "array[number]")], returns: "number", evidence: "spec" },
  { name: "to_array", parameters: [p("value", "any")], returns: "array", evidence: "spec" },
  { name: "to_number", parameters: [p("value", "any")], returns: "any", evidence: "spec" },
  { name: "to_string", parameters: [p("value", "any")], returns: "string", evidence: "spec" },
  { name: "type", parameters: [p("value", "any")], returns: "string", evidence: "spec" },
  { name: "values", parameters: [p("object", "object")], returns: "array", evidence: "spec" },
];

const BY_NAME = new Map(JMESPATH_FUNCTIONS.map((f) => [f.name, f]));

export function findJmesPathFunction(name: string): JmesPathFunction | undefined {
  return BY_NAME.get(name);
}

/** `length(subject: string|array|object) -> number`, for messages, hover and completion. */
export function jmesPathSignatureText(f: JmesPathFunction): string {
  const params = f.parameters.map((q, i) => {
    const rest = f.variadic && i === f.parameters.length - 1 ? "..." : "";
    return `${rest}${q.name}: ${q.types.join("|")}`;
  });
  return `${f.name}(${params.join(", ")}) -> ${f.returns}`;
}

/**
 * The library's syntax beyond the JMESPath specification, by the node type its parser gives it:
 * what to call it in a message.
 */
export const NON_STANDARD_JMESPATH_NODES: Readonly<Record<string, string>> = {
  LetExpression: "a let expression",
  Variable: "a $variable",
  Ternary: "the ? : operator",
  Arithmetic: "arithmetic",
  Unary: "a unary + or -",
  Root: "the $ root reference",
};

/** Why a function name is refused, in words: a JMESPath Community extension, or no function at all. */
export function unsupportedJmesPathFunctionMessage(name: string, libraryHasIt: boolean): string {
  return libraryHasIt
    ? `'${name}' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).`
    : `'${name}' is not a JMESPath function.`;
}

export function nonStandardSyntaxMessage(what: string): string {
  return `${what} is JMESPath Community syntax, which Azure Attestation does not support.`;
}

/** Whether a JSON value has one of the parameter's types (`any` takes everything). */
export function jmesPathTypeMatches(type: JmesPathType, value: unknown): boolean {
  switch (type) {
    case "any":
      return true;
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array[number]":
      return Array.isArray(value) && value.every((v) => typeof v === "number");
    case "array[string]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "expression":
      return false;
    default:
      return typeof value === type;
  }
}

/** `null`, `number`, `array`…: the JMESPath name of a JSON value's type. */
export function jmesPathTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A node of a compiled query, as the library's parser builds it. */
export interface QueryNode {
  readonly type: string;
  readonly name?: unknown;
  readonly value?: unknown;
  readonly children?: readonly QueryNode[];
}

/** Every node of a compiled query (its AST is plain objects; the walk is iterative). */
export function nodesOf(ast: unknown): QueryNode[] {
  const nodes: QueryNode[] = [];
  const stack = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    const type = (node as { type?: unknown }).type;
    if (typeof type === "string") nodes.push(node as QueryNode);
    // Literal values are data, not syntax.
    if (type === "Literal") continue;
    for (const child of Object.values(node)) if (typeof child === "object") stack.push(child);
  }
  return nodes;
}

export function nodeTypes(ast: unknown): Set<string> {
  return new Set(nodesOf(ast).map((n) => n.type));
}

/**
 * What the dialect refuses in a compiled query, in the checker's words, or undefined: the
 * evaluator's guard for queries it did not see in the text (built with AppendString, say).
 */
export function dialectRefusal(ast: unknown, libraryFunctions: ReadonlySet<string>): string | undefined {
  for (const node of nodesOf(ast)) {
    if (node.type === "Function" && typeof node.name === "string" && !findJmesPathFunction(node.name))
      return unsupportedJmesPathFunctionMessage(node.name, libraryFunctions.has(node.name));
    const what = NON_STANDARD_JMESPATH_NODES[node.type];
    if (what) return nonStandardSyntaxMessage(what);
  }
  return undefined;
}
