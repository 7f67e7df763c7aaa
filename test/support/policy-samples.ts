import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/**
 * Real policy text to fuzz from: our own fixtures (valid ones, and with `errors` the must-fail
 * ones too), plus every policy of the public corpus when `../shared` is there.
 */
export function samplePolicies(options: { errors?: boolean } = {}): string[] {
  const texts: string[] = [];
  for (const group of options.errors ? ["valid", "_error_"] : ["valid"]) {
    const dir = join(root, "test", "fixtures", group);
    for (const name of readdirSync(dir)) texts.push(readFileSync(join(dir, name, "input.policy"), "utf8"));
  }
  const corpus = join(root, "..", "shared", "corpus");
  if (existsSync(corpus)) {
    for (const file of readdirSync(corpus).filter((f) => f.endsWith(".txt"))) {
      texts.push(readFileSync(join(corpus, file), "utf8"));
    }
  }
  return texts;
}
