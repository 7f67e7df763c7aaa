import { BaseErrorListener, CommonTokenStream, type Token } from "antlr4ng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexFast } from "../src/antlr-tokens.js";
import { PolicyLexer } from "../src/policy-lexer.js";
import { Utf16CharStream } from "../src/utf16-char-stream.js";
import { PUNCTUATION, policyText } from "../../../test/support/policy-arbitrary.js";

const shape = (t: Token) => [t.type, t.channel, t.start, t.stop, t.line, t.column, t.text];

/** The generated lexer's tokens, or undefined when it reports an error. */
function generated(text: string): Token[] | undefined {
  const lexer = new PolicyLexer(new Utf16CharStream(text));
  let failed = false;
  lexer.removeErrorListeners();
  lexer.addErrorListener(
    new (class extends BaseErrorListener {
      override syntaxError(): void {
        failed = true;
      }
    })(),
  );
  const stream = new CommonTokenStream(lexer);
  stream.fill();
  return failed ? undefined : stream.getTokens();
}

function fast(text: string): Token[] | undefined {
  return lexFast(text, new Utf16CharStream(text));
}

/** Text close to policies: their tokens, odd characters and broken strings and comments. */
const pieces = fc.constantFrom(
  ...PUNCTUATION,
  "version",
  "Version",
  "issuancerules",
  "permit",
  "add",
  "issue",
  "issueproperty",
  "true",
  "x",
  "_y1",
  "c.value",
  "1",
  "1.2",
  "12.",
  ".5",
  '"s"',
  '"a\\"b"',
  '"é\u00a0x"',
  '"unterminated',
  '"\\',
  "//c\n",
  "/* b */",
  "/*\n*/",
  "/* open",
  "<",
  "<=",
  ">",
  ">=",
  "&",
  "|",
  "/",
  " ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "\u00a0",
  "\ufeff",
  "#",
  "“",
  "-",
  "é",
);
const nearPolicy = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(""));

describe("fast lexer", () => {
  it("yields exactly the generated lexer's tokens, or declines where the generated lexer reports an error", () => {
    fc.assert(
      fc.property(fc.oneof(policyText, nearPolicy, fc.string({ maxLength: 60 })), (text) => {
        const expected = generated(text);
        const actual = fast(text);
        if (expected === undefined) {
          expect(actual).toBeUndefined();
          return;
        }
        if (actual === undefined) return; // declining is always safe: the generated lexer runs instead
        expect(actual.map(shape)).toEqual(expected.map(shape));
      }),
      { numRuns: 3000 },
    );
  });

  it("handles every policy generated from the grammar itself", () => {
    fc.assert(
      fc.property(policyText, (text) => {
        expect(fast(text)?.map(shape)).toEqual(generated(text)?.map(shape));
      }),
      { numRuns: 300 },
    );
  });
});
