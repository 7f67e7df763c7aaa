import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";

/**
 * The public corpus and the recorded ground truth live beside the repository in `../shared` (CI has
 * them); they are read from there and never copied in. Without them the conformance suites skip,
 * and say so loudly.
 */
export const SHARED_DIR = join(import.meta.dirname, "..", "..", "..", "shared");
export const CORPUS_DIR = join(SHARED_DIR, "corpus");
export const GROUND_TRUTH_DIR = join(SHARED_DIR, "ground-truth");

export function describeShared(name: string, suite: () => void): void {
  if (existsSync(CORPUS_DIR) && existsSync(GROUND_TRUTH_DIR)) {
    describe(name, suite);
    return;
  }
  console.warn(`\n*** CONFORMANCE SKIPPED: ${name}: ${SHARED_DIR} is absent ***\n`);
  // The suite body is not even collected: it reads the shared files as it declares its tests.
  describe(name, () => it.skip(`skipped: ${SHARED_DIR} is absent`, () => {}));
}
