import fc from "fast-check";
import { KEYWORDS } from "@maa-policy/parser";

/**
 * Random policies drawn from the grammar: every production, random spacing and comments, so
 * that anything built on the parser (checker, formatter, evaluator) can be fuzzed with text that
 * is syntactically valid by construction.
 */
const space = fc.constantFrom("", " ", "  ", "\n", "\r\n", "\t", " /* c */ ", " // c\n");
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((s) => !KEYWORDS.includes(s));
const stringLiteral = fc
  .string({ maxLength: 12 })
  .map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n\u2028\u2029]/g, " ")}"`);
const integer = fc.nat({ max: 100_000 }).map(String);
const boolean = fc.constantFrom("true", "false");
const literal = fc.oneof(stringLiteral, integer, boolean);

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal,
    fc.tuple(identifier, space, fc.constantFrom("value", "type")).map(([id, s, p]) => `${id}${s}.${s}${p}`),
    fc
      .tuple(identifier, fc.array(tie("expression"), { maxLength: 3 }))
      .map(([name, args]) => `${name}(${args.join(", ")})`),
  ),
}));

const operator = fc.constantFrom("==", "!=", "<", "<=", ">", ">=");
const property = fc.constantFrom("type", "value", "issuer", "valueType");
const propertyCondition = fc.tuple(property, space, operator, space, expression).map((p) => p.join(""));
const condition = fc
  .tuple(
    fc.boolean(),
    fc.option(identifier),
    fc.array(propertyCondition, { minLength: 1, maxLength: 3 }),
    space,
  )
  .map(([not, id, props, s]) => `${not ? "!" : ""}${id ? `${id}${s}:` : ""}[${s}${props.join(`,${s}`)}${s}]`);
const claimArgument = fc
  .tuple(identifier, space, expression)
  .map(([name, s, value]) => `${name}${s}=${s}${value}`);
const action = fc.oneof(
  fc.constantFrom("permit()", "deny()", "permit ( )"),
  fc
    .tuple(
      fc.constantFrom("add", "issue", "issueproperty"),
      fc.array(claimArgument, { minLength: 1, maxLength: 3 }),
    )
    .map(([name, args]) => `${name}(${args.join(", ")})`),
);
export const rule = fc
  .tuple(fc.array(condition, { maxLength: 3 }), space, action)
  .map(([conditions, s, act]) => `${conditions.join(`${s}&&${s}`)}${s}=>${s}${act};`);
const section = fc
  .tuple(
    fc.constantFrom("configurationrules", "authorizationrules", "issuancerules"),
    space,
    fc.array(rule, { maxLength: 5 }),
  )
  .map(([name, s, rules]) => `${name}${s}{${s}${rules.join(s)}${s}};`);

/** A policy with its number of rules, for assertions on the AST. */
export const policyText = fc
  .tuple(space, fc.constantFrom("1.0", "1.1", "1.2", "2.0"), fc.array(section, { maxLength: 4 }), space)
  .map(
    ([s, version, sections, trailing]) => `${s}version${s}=${s}${version};${s}${sections.join(s)}${trailing}`,
  );

/** The grammar's punctuation and operators, for edits that break or mend policies in tests. */
export const PUNCTUATION = [
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  ";",
  ",",
  ".",
  ":",
  "=",
  "==",
  "=>",
  "!=",
  "!",
  "&&",
] as const;
