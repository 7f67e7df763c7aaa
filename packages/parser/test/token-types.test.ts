import { expect, it } from "vitest";
import { MaaPolicyLexer } from "../src/generated/MaaPolicyLexer.js";
import { LITERAL_TOKEN_TYPES, TokenType } from "../src/generated/MaaPolicyTokens.js";

// The fast lexer and parser take their token types from MaaPolicyTokens.ts (scripts/token-types.js writes
// it from the token file), so that a valid policy never loads the generated lexer; the two must agree.
it("the token types are the generated lexer's, by symbolic name and by literal text", () => {
  const symbolic = Object.fromEntries(
    MaaPolicyLexer.symbolicNames.flatMap((name, type) => (name ? [[name, type]] : [])),
  );
  expect(TokenType).toEqual(symbolic);
  for (const [name, type] of Object.entries(TokenType))
    expect(MaaPolicyLexer[name as keyof typeof TokenType]).toBe(type);
  const literal = Object.fromEntries(
    MaaPolicyLexer.literalNames.flatMap((name, type) => (name ? [[name.slice(1, -1), type]] : [])),
  );
  expect(LITERAL_TOKEN_TYPES).toEqual(literal);
  expect(LITERAL_TOKEN_TYPES.issueproperty).toBe(MaaPolicyLexer.ISSUEPROPERTY);
});
