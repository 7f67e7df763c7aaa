import { MaaPolicyLexer } from "./generated/MaaPolicyLexer.js";

/**
 * The generated lexer, with the error display of the Java and C++ runtimes: antlr4ng prints the
 * bad text raw, while the service's parser (C++) escapes line breaks and tabs in
 * `token recognition error at: '...'`.
 */
export class PolicyLexer extends MaaPolicyLexer {
  override getErrorDisplay(text: string): string {
    return text.replace(/[\n\r\t]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
  }
}
