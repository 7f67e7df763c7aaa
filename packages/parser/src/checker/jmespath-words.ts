/**
 * The JMESPath library's syntax errors are written for its own developers (`Syntax error: invalid
 * token (EOF): ""`, `expected Rbracket, got: EOF`); a policy author gets them in words. Unknown
 * shapes keep the library's text, without its `Syntax error:` prefix.
 */
const TOKEN_WORDS: Record<string, string> = {
  Rparen: "')'",
  Lparen: "'('",
  Rbracket: "']'",
  Lbracket: "'['",
  Rbrace: "'}'",
  Lbrace: "'{'",
  Colon: "':'",
  Comma: "','",
  Dot: "'.'",
  Star: "'*'",
  Pipe: "'|'",
  Number: "a number",
  UnquotedIdentifier: "a name",
  QuotedIdentifier: "a quoted name",
  Literal: "a literal",
  Current: "'@'",
  Expref: "'&'",
  Filter: "'[?'",
  Flatten: "'[]'",
  EOF: "the end of the query",
};

const word = (token: string) => TOKEN_WORDS[token] ?? token;

export function describeJmesPathSyntaxError(message: string, query: string, index: number): string {
  const where = index >= query.length ? "at the end of the query" : `at '${query[index]}'`;
  let match = /expected (\w+), got: EOF/.exec(message);
  if (match) return `the query ends before it is complete (${word(match[1])} would come next).`;
  match = /expected (\w+), got: (\w+)/.exec(message);
  if (match) return `${word(match[1])} was expected ${where}, not ${word(match[2])}.`;
  if (/\(EOF\)/.test(message)) return "the query ends too early: an expression is missing at its end.";
  match = /invalid token \((\w+)\)/.exec(message);
  if (match) return `unexpected ${word(match[1])}: an expression is missing before it.`;
  match = /unknown character: (.*)$/.exec(message);
  if (match) return `'${match[1]}' is not part of JMESPath's syntax.`;
  match = /unexpected token type: (\w+), value: (.*)$/.exec(message);
  if (match) return `unexpected ${word(match[1])} ${JSON.stringify(match[2])} ${where}.`;
  if (/JSON/.test(message)) return `the literal ${where} is not valid JSON.`;
  if (/Maximum call stack/.test(message)) return "the query is nested too deeply to read.";
  return `${message.replace(/^Syntax error:?\s*/, "")}${message.endsWith(".") ? "" : "."}`;
}
