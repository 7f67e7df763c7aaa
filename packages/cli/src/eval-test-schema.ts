import { closest, withArticle } from "@maa-policy/parser";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import schema from "./schema/policy-test.schema.json" with { type: "json" };

/**
 * Test files are checked against the JSON Schema published for editors
 * (`schema/policy-test.schema.json`), with a real JSON Schema validator: what an editor flags and
 * what `policy-eval test` refuses are the same, and the schema is the one place the shape lives.
 */
export interface SchemaProblem {
  /** Where, as data: the value at fault, or the map holding the unknown `key`. */
  readonly path: readonly (string | number)[];
  readonly key?: string;
  /** `tests[0].expect: unknown key 'outcom'; did you mean 'outcome'?` */
  readonly message: string;
}

interface SchemaNode {
  readonly description?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly oneOf?: readonly { readonly required: readonly string[] }[];
}

let validate: ValidateFunction | undefined;

/** The first way `data` breaks the schema, or undefined. */
export function schemaProblem(data: unknown): SchemaProblem | undefined {
  validate ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(schema);
  if (validate(data)) return undefined;
  const errors = validate.errors ?? [];
  // Of the first value at fault: an unknown key first (`claim:` is why `claims` is missing), then
  // a oneOf, which says more than the failures of its branches listed before it.
  const here = errors.filter((e) => e.instancePath === errors[0].instancePath);
  const error =
    here.find((e) => e.keyword === "additionalProperties") ??
    here.find((e) => e.keyword === "oneOf") ??
    here[0];
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((step) => step.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
  return describe(error, path);
}

function describe(error: ErrorObject, path: (string | number)[]): SchemaProblem {
  const parent = error.parentSchema as SchemaNode;
  const at = (steps: readonly (string | number)[], message: string, key?: string): SchemaProblem => ({
    path: steps,
    ...(key === undefined ? {} : { key }),
    message: `${spell(key === undefined ? steps : [...steps, key])}: ${message}`,
  });
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const guess = closest(key, known) ?? known.find((k) => key.toLowerCase().startsWith(k.toLowerCase()));
      const hint = guess ? `did you mean '${guess}'?` : `expected ${known.join(", ")}`;
      return at(path, `unknown key; ${hint}`, key);
    }
    case "required": {
      const key = String(params.missingProperty);
      const what = parent.properties?.[key]?.description;
      return at([...path, key], `required${what ? `: ${lowerFirst(what)}` : ""}`);
    }
    case "oneOf": {
      const names = (parent.oneOf ?? []).map((branch) => branch.required.join(", "));
      return Array.isArray(params.passingSchemas)
        ? at(path, `${names.join(" and ")} exclude each other; give one`)
        : at(path, `${names.join(" or ")} is required`);
    }
    case "enum":
      return at(path, `one of ${(params.allowedValues as unknown[]).join(", ")}`);
    case "type":
      return at(
        path,
        `expected ${[params.type]
          .flat()
          .map((type) => withArticle(String(type)))
          .join(" or ")}`,
      );
    case "minItems":
    case "minLength":
      return at(path, "must not be empty");
    default:
      return at(path, error.message ?? "does not match the test file schema");
  }
}

/** `tests[0].expect.outcome`, `$` for the whole file. */
function spell(path: readonly (string | number)[]): string {
  if (path.length === 0) return "$";
  return path
    .map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join("");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
