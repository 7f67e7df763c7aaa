import { readPragma, resolveAttestationType, type AttestationTypeResolution } from "./attestation-type.js";
import type { ClaimValueType } from "./claim.js";
import { ATTESTATION_TYPES, type AttestationType } from "./claims-catalogue.js";
import { checkPolicy } from "./checker/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { MAX_DIAGNOSTICS } from "./limits.js";
import { parsePolicy, parsePolicyAsync, parsePolicyIfLoaded, type ParseResult } from "./parse.js";

export interface AnalysisOptions {
  /** The caller's default: `check --attestation-type`, the editor's `maaPolicy.attestationType`. */
  readonly attestationType?: AttestationType;
  /** What the project config (`maa-policy.json`) says for this file; it wins over the default. */
  readonly project?: {
    readonly attestationType?: AttestationType;
    readonly claims?: Readonly<Record<string, ClaimValueType>>;
    /** The config file, to say where the attestation type came from. */
    readonly file?: string;
  };
}

export interface Analysis extends ParseResult {
  /** Syntax errors first (in the parser's order), then the checker's findings in text order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /** The attestation type the claims were checked for, and who said so (`attestation-type.ts`). */
  readonly attestationType: AttestationTypeResolution;
}

/**
 * Parse and check in one call: what `policy-eval check` and the language server start from. Text
 * with a syntax error needs the generated parser loaded (`loadGeneratedParser`, see `parsePolicy`).
 */
export function analyzePolicy(text: string, options: AnalysisOptions = {}): Analysis {
  return analysisOf(parsePolicy(text), options);
}

/** `analyzePolicy`, loading the generated parser only for text with a syntax error: `eval`'s entry. */
export async function analyzePolicyAsync(text: string, options: AnalysisOptions = {}): Promise<Analysis> {
  return analysisOf(await parsePolicyAsync(text), options);
}

/**
 * `analyzePolicy`, or undefined for text with a syntax error while the generated parser is not
 * loaded: `check` analyses its files with this and loads ANTLR only for those (issue 18).
 */
export function analyzePolicyIfLoaded(text: string, options: AnalysisOptions = {}): Analysis | undefined {
  const parsed = parsePolicyIfLoaded(text);
  return parsed && analysisOf(parsed, options);
}

function analysisOf(parsed: ParseResult, options: AnalysisOptions): Analysis {
  const { text } = parsed;
  const pragma = readPragma(text, parsed.source.lines);
  const resolution = resolveAttestationType(
    parsed.policy,
    pragma?.type,
    options.project && { type: options.project.attestationType, file: options.project.file },
    options.attestationType,
  );
  const complete = parsed.diagnostics.length === 0;
  const claims = { attestationType: resolution.type, declared: options.project?.claims ?? {} };
  const checked = parsed.policy ? checkPolicy(parsed.policy, { complete, claims }) : [];
  const all = [
    ...parsed.diagnostics,
    ...(pragma?.problem ? [pragmaDiagnostic(pragma.problem.written, pragma.problem.range)] : []),
    ...checked.filter((d) => !onSyntaxErrorLine(d, parsed.diagnostics)),
  ];
  return {
    ...parsed,
    diagnostics: capped(all),
    hasErrors: all.some((d) => d.severity === "error"),
    attestationType: resolution,
  };
}

function pragmaDiagnostic(written: string, range: Diagnostic["range"]): Diagnostic {
  return {
    code: "unknown-attestation-type",
    severity: "error",
    message: `'${written}' is not an attestation type; the pragma takes ${ATTESTATION_TYPES.join(", ")}.`,
    range,
  };
}

/** At most `MAX_DIAGNOSTICS`, and then one that says how many more there were, where the first of them is. */
function capped(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
  const more = diagnostics.length - MAX_DIAGNOSTICS;
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS);
  shown.push({
    code: "too-many-errors",
    severity: "information",
    message: `${more} more problem${more === 1 ? "" : "s"} not shown: maa-policy reports the first ${MAX_DIAGNOSTICS}.`,
    range: diagnostics[MAX_DIAGNOSTICS].range,
  });
  return shown;
}

/**
 * After a syntax error the parser's recovery can leave odd shapes on that line (a curly-quoted
 * string read as an identifier, say); the checker's view of them is noise, so the syntax error
 * speaks alone there.
 */
function onSyntaxErrorLine(diagnostic: Diagnostic, syntax: readonly Diagnostic[]): boolean {
  return syntax.some(
    (s) => s.range.start.line <= diagnostic.range.end.line && diagnostic.range.start.line <= s.range.end.line,
  );
}
