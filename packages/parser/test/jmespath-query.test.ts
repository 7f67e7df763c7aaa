import { describe, expect, test } from "vitest";
import { checkQuery, JMESPATH_FUNCTIONS } from "@maa-policy/parser";

/** `code@index+length: message` for each finding: the shape of every expectation below. */
const findings = (query: string) =>
  checkQuery(query).map((f) => `${f.code}@${f.index}+${f.length}: ${f.message}`);

describe("checkQuery: the dialect's functions, arity and literal argument types", () => {
  test.each([
    "length(@) == `1`",
    "Events[?EventTypeString == 'EV_EVENT_TAG' && (PcrIndex == `12` || PcrIndex == `19`)].ProcessedData",
    "[*].EVENT_LOADEDMODULE_AGGREGATION[] | [? EVENT_IMAGEVALIDATED == `true` && equals_ignore_case(EVENT_FILEPATH, '\\\\windows')] | @ != `null`",
    "sort_by(Events, &PcrIndex)[0]",
    "map(&name, Events)",
    "merge(`{}`, a, b)",
    "not_null(a, b, c)",
    "join(', ', names)",
    "contains('abc', 'b')",
    "max(`[1, 2]`)",
  ])("valid: %s", (query) => {
    expect(findings(query)).toEqual([]);
  });

  test.each<[string, string[]]>([
    ["lenght(@)", ["jmespath-unknown-function@0+6: JMESPath: 'lenght' is not a JMESPath function."]],
    [
      "replace(@,'a','b',`1000000000`)",
      [
        "jmespath-unknown-function@0+7: JMESPath: 'replace' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
      ],
    ],
    [
      "a | trim(@)",
      [
        "jmespath-unknown-function@4+4: JMESPath: 'trim' is not a JMESPath function Azure Attestation supports (it is a JMESPath Community extension).",
      ],
    ],
    [
      "length(@, @)",
      [
        "jmespath-arity@0+12: JMESPath: length takes 1 argument, not 2: length(subject: string|array|object) -> number.",
      ],
    ],
    [
      "merge()",
      [
        "jmespath-arity@0+7: JMESPath: merge takes at least 1 argument, not 0: merge(...objects: object) -> object.",
      ],
    ],
    [
      "length(`1`)",
      [
        "jmespath-argument-type@7+3: JMESPath: argument 'subject' of length must be a string, an array or an object, not the number 1.",
      ],
    ],
    [
      "starts_with(a, 'x') && ends_with(`true`, b)",
      [
        "jmespath-argument-type@33+6: JMESPath: argument 'subject' of ends_with must be a string, not the boolean true.",
      ],
    ],
    [
      "sort_by(@, foo)",
      [
        "jmespath-argument-type@11+3: JMESPath: argument 'expression' of sort_by must be an &expression, not a value (write &expression).",
      ],
    ],
    [
      "length(&foo)",
      [
        "jmespath-argument-type@7+4: JMESPath: argument 'subject' of length must be a string, an array or an object, not an &expression.",
      ],
    ],
    [
      "a + b",
      [
        "jmespath-syntax@2+1: JMESPath: arithmetic is JMESPath Community syntax, which Azure Attestation does not support.",
      ],
    ],
    [
      "let $x = a in $x",
      [
        "jmespath-syntax@4+2: JMESPath: a let expression is JMESPath Community syntax, which Azure Attestation does not support.",
      ],
    ],
    [
      "a ? b : c",
      [
        "jmespath-syntax@2+1: JMESPath: the ? : operator is JMESPath Community syntax, which Azure Attestation does not support.",
      ],
    ],
    [
      "length(@",
      ["jmespath-syntax@8+1: JMESPath: the query ends too early: an expression is missing at its end."],
    ],
    [
      "[?a == `1`",
      ["jmespath-syntax@10+1: JMESPath: the query ends before it is complete (']' would come next)."],
    ],
    ["Events[?x ~ 'y']", ["jmespath-syntax@10+1: JMESPath: '~' is not part of JMESPath's syntax."]],
    ["a && ]", ["jmespath-syntax@5+1: JMESPath: unexpected ']': an expression is missing before it."]],
  ])("invalid: %s", (query, expected) => {
    expect(findings(query)).toEqual(expected);
  });

  test("a single close function name is offered as the replacement", () => {
    expect(checkQuery("lenght(@)")[0]).toMatchObject({
      hint: "Did you mean 'length'?",
      replacement: "length",
    });
    expect(checkQuery("trim(@)")[0].replacement).toBeUndefined();
  });

  test("the list holds the specification's built-ins and equals_ignore_case, and none of the Community's", () => {
    const names = JMESPATH_FUNCTIONS.map((f) => f.name);
    expect(names).toContain("equals_ignore_case");
    expect(names).toHaveLength(27);
    for (const extension of [
      "replace",
      "trim",
      "trim_left",
      "trim_right",
      "split",
      "pad_left",
      "lower",
      "upper",
      "zip",
    ])
      expect(names).not.toContain(extension);
  });
});
