/** Everything that runs ANTLR, as one module that `generated-parser.ts` imports on demand. */
export { parseGenerated } from "./parse-generated.js";
export { completionContext } from "./completion.js";
