import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JSON_DATA_KEY_ORDER, serviceJsonText } from "@maa-policy/evidence";

describe("JSON runtime data as the service re-serializes it (spec §8.1, JSON_DATA_KEY_ORDER)", () => {
  it("is the decision in force", () => {
    expect(JSON_DATA_KEY_ORDER).toBe("sorted");
  });

  it.each([
    [
      "the recorded runtime data's keys",
      '{ "jwk" : { "kty":"EC", "use":"sig", "crv":"P-256" } }',
      '{"jwk":{"crv":"P-256","kty":"EC","use":"sig"}}',
    ],
    [
      "objects inside arrays, array order kept",
      '[ {"b":1,"a":2}, 3, [ {"d":0,"c":0} ] ]',
      '[{"a":2,"b":1},3,[{"c":0,"d":0}]]',
    ],
    ["integer-like keys as text, not as numbers", '{"2":0,"10":0,"b":0}', '{"10":0,"2":0,"b":0}'],
    ["upper case before lower case (code points)", '{"a":0,"B":0,"_":0}', '{"B":0,"_":0,"a":0}'],
    [
      "code points, not UTF-16 units: U+1F600 after U+FFFD",
      '{"\\ud83d\\ude00":0,"\\ufffd":0}',
      '{"\ufffd":0,"\u{1f600}":0}',
    ],
    ["a key given twice keeps its last value", '{"a":1,"b":0,"a":2}', '{"a":2,"b":0}'],
    [
      "numbers exactly as sent",
      '{"n":[12345678901234567890, 1.0, 1e2, -0]}',
      '{"n":[12345678901234567890,1.0,1e2,-0]}',
    ],
    [
      "strings escaped as JSON.stringify escapes them",
      '["\\u0041\\/", "\\u00e9\\n", "\\u001f"]',
      '["A/","\u00e9\\n","\\u001f"]',
    ],
    ["scalars", " true ", "true"],
  ])("%s", (_name, input, expected) => {
    expect(serviceJsonText(input)).toBe(expected);
  });

  it("keeps the value: parsing its output gives what parsing the input gives, with sorted keys", () => {
    const sortKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sortKeys)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
            )
          : value;
    fc.assert(
      fc.property(fc.json(), (text) => {
        const output = serviceJsonText(text);
        expect(sortKeys(JSON.parse(output))).toEqual(sortKeys(JSON.parse(text)));
        expect(/\s/.test(output.replace(/"(?:[^"\\]|\\.)*"/g, '""'))).toBe(false);
      }),
    );
  });
});
