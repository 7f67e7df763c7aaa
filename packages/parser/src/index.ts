export * from "./ast.js";
export * from "./diagnostic.js";
export * from "./position.js";
export * from "./service-error.js";
export * from "./claim.js";
