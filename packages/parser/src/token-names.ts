import { TokenType as L } from "./generated/MaaPolicyTokens.js";
import type { ActionName, ComparisonOperator, SectionName } from "./ast.js";

/** The AST's names for the grammar's keyword and operator tokens, for both readers of the text. */
export const SECTION_OF_TOKEN: Readonly<Record<number, SectionName>> = {
  [L.CONFIGURATIONRULES]: "configurationrules",
  [L.AUTHORIZATIONRULES]: "authorizationrules",
  [L.ISSUANCERULES]: "issuancerules",
};

export const TOKEN_OF_SECTION = Object.fromEntries(
  Object.entries(SECTION_OF_TOKEN).map(([type, name]) => [name, Number(type)]),
) as Readonly<Record<SectionName, number>>;

export const ACTION_OF_TOKEN: Readonly<Record<number, ActionName>> = {
  [L.PERMIT]: "permit",
  [L.DENY]: "deny",
  [L.ADD]: "add",
  [L.ISSUE]: "issue",
  [L.ISSUEPROPERTY]: "issueproperty",
};

export const OPERATOR_OF_TOKEN: Readonly<Record<number, ComparisonOperator>> = {
  [L.EQUAL]: "==",
  [L.NOT_EQUAL]: "!=",
  [L.LESS]: "<",
  [L.LESS_EQ]: "<=",
  [L.GREATER]: ">",
  [L.GREATER_EQ]: ">=",
};
