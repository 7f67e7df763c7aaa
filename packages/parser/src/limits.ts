/**
 * The parser's bounds on error-dense text, one constant each (docs/limits.md lists every bound of
 * the toolchain; docs/decisions.md says why each value). `MAX_NESTING` has its own module.
 */

/**
 * Bytes of any one input the adapters read (a policy, claims, a token, evidence, a test file, a
 * certificate), counted while reading: `check - < /dev/zero` stops here instead of filling memory.
 * No real input comes near it. The command line and the language server both enforce it.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Syntax errors reported for one text; at the next, the parser stops reading. The service
 * reports only the first. Each error costs ANTLR's recovery and a diagnostic: 40 KB of `[` made
 * 40,000 of them, a 4 MB LSP message and 1.5 s per keystroke. javac stops at 100 too.
 */
export const MAX_SYNTAX_ERRORS = 100;

/**
 * Diagnostics one analysis reports (syntax errors, then the checker's findings, in order); a
 * last one says how many more there were.
 */
export const MAX_DIAGNOSTICS = 1_000;

/**
 * Characters of offending text a message echoes: an unterminated string or comment runs to the
 * end of its line or of the text, which may be megabytes.
 */
export const MAX_EXCERPT_CHARS = 100;
