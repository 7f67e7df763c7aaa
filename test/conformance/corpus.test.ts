import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzePolicy, type Diagnostic } from "@maa-policy/parser";
import { expect, it } from "vitest";
import { CORPUS_DIR, describeShared } from "./shared.js";

/** `code@line:column` (1-based), the shape of every expectation below. */
const at = (d: Diagnostic) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`;

/**
 * Every corpus policy whose expected findings are not "none". The INVALID ones are rejected at the
 * places the spec's §1.9 names; the QUESTIONABLE ones where their oddity is; two valid policies
 * draw a warning on purpose. Corpus 01 is valid only once its placeholders (`<product-id>`) are
 * filled in, so it fails at the first one.
 */
const EXPECTED: Record<string, string[]> = {
  "01": [
    "extraneous-input@5:50",
    "token-recognition-error@5:58",
    "extraneous-input@5:59",
    "mismatched-input@5:61",
  ],
  "09": ["mismatched-input@14:38", "mismatched-input@23:51", "unknown-claim-type@18:10"],
  "10": ["mismatched-input@13:38"],
  // The sample tests `boolProperties`, which it never adds (09 does the same): the rule is dead.
  "17": ["unknown-claim-type@13:10"],
  "23": ["no-permit@3:1"],
  "25": ["action-placement@8:78", "action-placement@13:85"],
  "29": [
    "mismatched-input@4:11",
    "extraneous-input@5:1",
    "extraneous-input@7:1",
    "mismatched-input@9:10",
    "missing-token@10:3",
    "mismatched-input@10:10",
    "extraneous-input@11:1",
    "extraneous-input@12:1",
  ],
  "30": ["token-recognition-error@5:42", "mismatched-input@6:1", "extraneous-input@13:1"],
  // Pre-GA: `$tee-future`, a claim that never came.
  "41": ["unknown-claim-type@1:487"],
  "42": [
    "mismatched-input@1:1",
    "extraneous-input@3:19",
    "extraneous-input@7:14",
    "extraneous-input@9:1",
    "extraneous-input@10:1",
  ],
};

/** Corpus 34 compares the Integer product id with a String (its status says so). */
EXPECTED["34"] = ["claim-value-type@5:43"];

/** Corpus 40 has curly quotes throughout: only its first findings are pinned. */
const EXPECTED_PREFIX: Record<string, string[]> = {
  "40": ["mismatched-input@1:1", "token-recognition-error@4:11", "token-recognition-error@4:12"],
};

function statuses(): Map<string, string> {
  const index = readFileSync(join(CORPUS_DIR, "INDEX.md"), "utf8");
  const result = new Map<string, string>();
  for (const line of index.split("\n")) {
    const match = /^\| (\d\d)-.*?\| (VALID-REC|VALID-DOC|VALID|INVALID|QUESTIONABLE|FRAGMENT)\b/.exec(line);
    if (match) result.set(match[1], match[2]);
  }
  return result;
}

describeShared("corpus conformance (../shared/corpus)", () => {
  const status = statuses();
  const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".txt"));

  it("knows the status of all 46 files", () => {
    expect(files).toHaveLength(46);
    expect(files.every((f) => status.has(f.slice(0, 2)))).toBe(true);
  });

  for (const file of files.sort()) {
    const id = file.slice(0, 2);
    const kind = status.get(id) ?? "?";
    if (kind === "FRAGMENT") {
      it.skip(`${file} (a fragment, not a policy)`, () => {});
      continue;
    }
    it(`${file} (${kind})`, () => {
      const analysis = analyzePolicy(readFileSync(join(CORPUS_DIR, file), "utf8"));
      const found = analysis.diagnostics.map(at);
      if (EXPECTED_PREFIX[id]) {
        expect(found.slice(0, EXPECTED_PREFIX[id].length)).toEqual(EXPECTED_PREFIX[id]);
      } else {
        expect(found).toEqual(EXPECTED[id] ?? []);
      }
      const rejected = kind === "INVALID" || id === "01" || (kind === "QUESTIONABLE" && id !== "34");
      expect(analysis.hasErrors).toBe(rejected);
    });
  }
});
