export * from "./ast.js";
export * from "./claim.js";
export * from "./diagnostic.js";
export * from "./position.js";
export * from "./service-error.js";
export { parsePolicy, type ParseResult } from "./parse.js";
export { quote, unquote } from "./string-literal.js";
export { closest, editDistance } from "./suggest.js";
export { serviceParsingError, renderParserException } from "./service-rendering.js";
