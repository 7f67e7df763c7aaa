import { expect, it } from "vitest";
import { MaaPolicyLexer } from "../src/generated/MaaPolicyLexer.js";
import { KEYWORDS, SECTION_ORDER, SECTION_SINCE, SECTIONS } from "../src/language.js";
import { SECTION_OF_TOKEN, TOKEN_OF_SECTION } from "../src/token-names.js";

it("the section table is the order, the version gates and the keywords every reader uses", () => {
  expect(SECTION_ORDER).toEqual(["configurationrules", "authorizationrules", "issuancerules"]);
  expect(SECTION_SINCE).toEqual({
    configurationrules: "1.1",
    authorizationrules: "1.0",
    issuancerules: "1.0",
  });
  expect(KEYWORDS).toEqual([
    "version",
    "configurationrules",
    "authorizationrules",
    "issuancerules",
    "permit",
    "deny",
    "add",
    "issue",
    "issueproperty",
    "true",
    "false",
  ]);
});

it("the grammar spells each section of the table with its own token, both ways", () => {
  const grammarKeywords = MaaPolicyLexer.literalNames.flatMap((literal) =>
    literal && /^'[a-z]+'$/.test(literal) ? [literal.slice(1, -1)] : [],
  );
  expect([...grammarKeywords].sort()).toEqual([...KEYWORDS].sort());
  for (const { name } of SECTIONS) {
    expect(MaaPolicyLexer.literalNames[TOKEN_OF_SECTION[name]]).toBe(`'${name}'`);
    expect(SECTION_OF_TOKEN[TOKEN_OF_SECTION[name]]).toBe(name);
  }
  expect(Object.keys(SECTION_OF_TOKEN)).toHaveLength(SECTIONS.length);
});
