import fc from "fast-check";
import { loadPolicy, parseClaims } from "@maa-policy/evaluator";
import {
  analyzePolicy,
  formatPolicy,
  MAX_DIAGNOSTICS,
  MAX_SYNTAX_ERRORS,
  valueTypeOf,
  type Claim,
} from "@maa-policy/parser";
import { decodePolicyToken, decomposeJws, verifyJws } from "@maa-policy/tokens";
import { PUNCTUATION, policyText } from "../support/policy-arbitrary.js";

/**
 * The properties every harness holds its inputs to, and the corpus replays: each throws (an
 * assertion error) when a property fails. Nothing here may throw for any other reason.
 */

/** Policy text: analysis and formatting are total and bounded; a formatted policy is a fixed point. */
export async function checkPolicyText(text: string, claims: readonly Claim[] = []): Promise<void> {
  const analysis = analyzePolicy(text);
  const syntax = analysis.diagnostics.filter((d) => d.syntax !== undefined).length;
  assert(syntax <= MAX_SYNTAX_ERRORS, `${syntax} syntax errors reported`);
  assert(analysis.diagnostics.length <= MAX_DIAGNOSTICS + 1, `${analysis.diagnostics.length} diagnostics`);
  const formatted = formatPolicy(text);
  if (formatted.ok) {
    const again = formatPolicy(formatted.text);
    assert(again.ok && again.text === formatted.text, "formatting a formatted policy changed it");
  }
  const loaded = await loadPolicy(analysis);
  if (!loaded.ok) return;
  const result = loaded.policy.evaluate(claims, { timeLimitMs: 2_000 });
  assert(["permit", "deny", "no-permit", "error"].includes(result.outcome), `outcome ${result.outcome}`);
}

/** Claims text: parsed or refused with InvalidParameter, never an exception. */
export function checkClaimsText(text: string): void {
  const parsed = parseClaims(text);
  assert(parsed.ok || parsed.error.code === "InvalidParameter", "claims refused with another code");
}

/** A token that is not the original, byte for byte, never decodes to an exception nor verifies. */
export async function checkForgedToken(token: string, original: string): Promise<void> {
  decodePolicyToken(token);
  const parts = decomposeJws(token);
  if (!parts.ok) return;
  const verified = await verifyJws(parts.value, { now: new Date("2030-01-01T00:00:00Z") });
  assert(!verified.ok || token === original, `a forged token verified: ${token.slice(0, 200)}`);
}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`fuzz property failed: ${message}`);
}

const HEADER = "version=1.2;\nauthorizationrules { => permit(); };\nissuancerules {\n";

/** Grammar fragments, floods and broken pieces, spliced into valid policies. */
const piece = fc.oneof(
  fc.constantFrom(...PUNCTUATION, '"', "\u201c", "//", "/*", "*/", "\n", "=>", "&&", ":", "§"),
  fc.constantFrom("permit()", "issue(claim=c)", 'c:[type=="T"]', "JmesPath(", "AppendString(", "c.value"),
  fc.string({ maxLength: 8 }),
  fc
    .tuple(fc.constantFrom("[", "(", '"', "/*", "§", "=> ;", "{"), fc.integer({ min: 50, max: 3_000 }))
    .map(([s, n]) => s.repeat(n)),
);

export const hostilePolicy = fc.oneof(
  policyText,
  fc
    .tuple(policyText, fc.array(fc.tuple(fc.nat(), piece), { minLength: 1, maxLength: 6 }))
    .map(([text, splices]) =>
      splices.reduce((t, [at, s]) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + s + t.slice(i);
      }, text),
    ),
  fc.array(piece, { maxLength: 30 }).map((pieces) => HEADER + pieces.join("")),
);

/** Incoming claims for evaluation: few types, so that conditions match. */
export const claimSet = fc
  .array(
    fc.record({
      type: fc.constantFrom("T", "n", "x-ms-sgx-mrsigner", "s"),
      value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean()),
    }),
    { maxLength: 20 },
  )
  .map((claims) =>
    claims.map(({ type, value }) => ({
      type,
      value,
      valueType: valueTypeOf(value),
      issuer: "AttestationService",
    })),
  );

/** JSON, nearly JSON, and JSON with repeated keys or deep nesting. */
export const claimsText = fc.oneof(
  fc.json(),
  fc.json().map((j) => j.replace(/^\{/, '{"a":1,"a":2,')),
  fc.tuple(fc.json(), fc.nat(), fc.constantFrom(...PUNCTUATION, ",", '"', "\\u")).map(([j, at, s]) => {
    const i = at % (j.length + 1);
    return j.slice(0, i) + s + j.slice(i);
  }),
  fc.integer({ min: 1, max: 2_000 }).map((n) => `{"a":${"[".repeat(n)}${"]".repeat(n)}}`),
);

/** An edit of a token's text: a character changed, cut, inserted, or a segment re-spelt. */
export const tokenEdit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("replace", "delete", "insert", "respell-last"),
  char: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ "),
});

export function applyTokenEdit(token: string, edit: { at: number; kind: string; char: string }): string {
  const i = edit.at % token.length;
  switch (edit.kind) {
    case "replace":
      return token.slice(0, i) + edit.char + token.slice(i + 1);
    case "delete":
      return token.slice(0, i) + token.slice(i + 1);
    case "insert":
      return token.slice(0, i) + edit.char + token.slice(i);
    default:
      return token.slice(0, -1) + edit.char;
  }
}
