/**
 * The claim rule functions of policy version 1.2 (spec §1.6, `claim-rule-functions.md`). The
 * checker, the evaluator and the language server all read this one table.
 */
export type StaticType = "String" | "Integer" | "Boolean" | "Set" | "Any";

export interface FunctionParameter {
  readonly name: string;
  /** What the argument must evaluate to; `Any` when the docs allow anything (sets of any cardinality). */
  readonly type: StaticType | readonly StaticType[];
  readonly description: string;
}

export interface FunctionSignature {
  readonly name: string;
  readonly parameters: readonly FunctionParameter[];
  /** `Any` where the result type depends on the data (JsonToClaimValue). */
  readonly returns: StaticType;
  readonly since: "1.2";
  /** Whether the result is read-only when an argument is (docs: "read-only propagation"). */
  readonly propagatesReadOnly: boolean;
  readonly description: string;
}

const SCALAR: readonly StaticType[] = ["Boolean", "String", "Integer"];

export const FUNCTIONS: readonly FunctionSignature[] = [
  {
    name: "JmesPath",
    parameters: [
      { name: "json", type: "String", description: "a non-empty JSON document, as a string" },
      { name: "query", type: "String", description: "a non-empty, valid JMESPath query" },
    ],
    returns: "String",
    since: "1.2",
    propagatesReadOnly: true,
    description:
      "Runs a JMESPath query on JSON and returns the result as JSON text (`null` when nothing matches).",
  },
  {
    name: "JsonToClaimValue",
    parameters: [{ name: "json", type: "String", description: "valid JSON, as a string" }],
    returns: "Any",
    since: "1.2",
    propagatesReadOnly: true,
    description:
      "Turns JSON into a claim value: integer, boolean or string; an array of primitives becomes a Set; `null` an empty value. Fractions, objects and arrays of non-primitives are errors.",
  },
  {
    name: "IsSubsetOf",
    parameters: [
      { name: "subset", type: "Any", description: "a set of any cardinality" },
      { name: "superset", type: "Any", description: "a set of any cardinality" },
    ],
    returns: "Boolean",
    since: "1.2",
    propagatesReadOnly: false,
    description: "True when every value of the first set is in the second.",
  },
  {
    name: "AppendString",
    parameters: [
      { name: "left", type: "String", description: "a string (may be empty)" },
      { name: "right", type: "String", description: "a string (may be empty)" },
    ],
    returns: "String",
    since: "1.2",
    propagatesReadOnly: true,
    description: "Concatenates two strings.",
  },
  {
    name: "NegateBool",
    parameters: [{ name: "value", type: "Boolean", description: "a Boolean" }],
    returns: "Boolean",
    since: "1.2",
    propagatesReadOnly: true,
    description: "Negates a Boolean.",
  },
  {
    name: "ContainsOnlyValue",
    parameters: [
      { name: "set", type: "Any", description: "a set of any cardinality" },
      { name: "value", type: SCALAR, description: "a single Boolean, String or Integer" },
    ],
    returns: "Boolean",
    since: "1.2",
    propagatesReadOnly: false,
    description: "True when the set is non-empty and every element equals the value.",
  },
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** Function names are case-sensitive (docs/decisions.md): only the documented PascalCase matches. */
export function findFunction(name: string): FunctionSignature | undefined {
  return BY_NAME.get(name);
}

export function accepts(parameter: FunctionParameter, type: StaticType): boolean {
  if (type === "Any" || parameter.type === "Any") return true;
  const allowed = typeof parameter.type === "string" ? [parameter.type] : parameter.type;
  return allowed.includes(type);
}

export function signatureText(f: FunctionSignature): string {
  const params = f.parameters.map(
    (p) => `${p.name}: ${typeof p.type === "string" ? p.type : p.type.join(" | ")}`,
  );
  return `${f.name}(${params.join(", ")}): ${f.returns}`;
}
