import type { DiagnosticCode } from "./diagnostic-codes.js";
import type { Range } from "./position.js";

export type Severity = "error" | "warning" | "information" | "hint";

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A mechanical repair: applying all its edits turns the diagnosed text into what was meant. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * Set when the fix changes what the policy does (another claim, another literal type) rather
   * than what the service would refuse: the editor offers it and `check` lists it, but "fix all"
   * and `check --fix` never apply it. A diagnostic with several fixes has each one offered only.
   */
  readonly offerOnly?: true;
}

export interface Diagnostic {
  /** Stable identifier, e.g. `mismatched-input` or `version-gated-feature` (docs/diagnostics.md). */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** For syntax errors, ANTLR's message verbatim. */
  readonly message: string;
  readonly range: Range;
  /** A sentence on what was probably meant. */
  readonly hint?: string;
  readonly fixes?: readonly Fix[];
  /** Present on syntax errors: what the service's parser error text is made of. */
  readonly syntax?: SyntaxDetail;
}

export interface SyntaxDetail {
  /** The offending token's text as ANTLR displays it (`<EOF>` at the end). */
  readonly offendingSymbol: string;
  /** ANTLR's line (1-based) and charPositionInLine (0-based, in code points). */
  readonly line: number;
  readonly column: number;
  /** Rule invocation stack, outermost first: `["policy", "versionInfo"]`. */
  readonly ruleStack: readonly string[];
}
