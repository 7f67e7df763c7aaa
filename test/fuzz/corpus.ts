import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Claim } from "@maa-policy/parser";

/**
 * The regression corpus: one JSON file per reproducer the fuzzing campaigns found (issue 14), in
 * `corpus/`. Large inputs are written as recipes (`{before, repeat, times, after}`), so that a
 * 16 MB policy is a line of JSON; `long` ones run only in `npm run fuzz`.
 */
export interface CorpusEntry {
  readonly name: string;
  readonly target: "policy" | "evaluate" | "claims" | "token";
  readonly description: string;
  readonly text?: Text;
  /** evaluate: the incoming claims, or `{type, count}` for `count` claims `v0`, `v1`, … */
  readonly claims?: readonly Claim[] | { readonly type: string; readonly count: number };
  /** token: header members signed with the test's own key, or an edit of a signed token. */
  readonly header?: Record<string, unknown>;
  readonly edit?: "respell-last";
  /** What must come out: the exact error message, and for policies the number of diagnostics. */
  readonly error?: string;
  readonly diagnostics?: number;
  readonly long?: boolean;
}

type Text = string | { before?: string; repeat: string; times: number; after?: string };

export function loadCorpus(): CorpusEntry[] {
  const dir = join(import.meta.dirname, "corpus");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map(
      (file) =>
        ({
          name: file.replace(/\.json$/, ""),
          ...(JSON.parse(readFileSync(join(dir, file), "utf8")) as object),
        }) as CorpusEntry,
    );
}

/** A recipe's text: `before`, then `repeat` `times` times, then `after`. */
export function textOf(text: Text | undefined): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return `${text.before ?? ""}${text.repeat.repeat(text.times)}${text.after ?? ""}`;
}

export function claimsOf(entry: CorpusEntry): Claim[] {
  const claims = entry.claims ?? [];
  if (!("count" in claims)) return [...claims];
  const { type, count } = claims;
  return Array.from({ length: count }, (_, i) => ({
    type,
    value: `v${i}`,
    valueType: "String",
    issuer: "AttestationService",
  }));
}
