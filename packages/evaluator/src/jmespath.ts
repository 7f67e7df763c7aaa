import type { JSONValue } from "@jmespath-community/jmespath";
import { Decisions } from "./decisions.js";

/** The JMESPath dialect of MAA policies: standard JMESPath plus `equals_ignore_case` (spec §1.6, §8.17). */
export interface JmesPathEngine {
  /** Runs `query` on `data`; throws the library's error for an invalid query. */
  search(data: unknown, query: string): unknown;
}

let loaded: Promise<JmesPathEngine> | undefined;

/**
 * Loaded on first use only (a dynamic import), so policies without JmesPath() and the CLI's
 * start-up never pay for the library.
 */
export function loadJmesPath(): Promise<JmesPathEngine> {
  loaded ??= import("@jmespath-community/jmespath").then((lib) => {
    if (!lib.isRegistered("equals_ignore_case")) {
      // Not a string on either side (a missing field inside a filter, typically) is simply not equal.
      lib.register(
        "equals_ignore_case",
        ([a, b]) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase(),
        [{ types: [lib.TYPE_ANY] }, { types: [lib.TYPE_ANY] }],
      );
    }
    const compiled = new Map<string, ReturnType<typeof lib.compile>>();
    const options = { enable_legacy_literals: Decisions.jmesPathLegacyLiterals };
    return {
      search(data: unknown, query: string): unknown {
        let ast = compiled.get(query);
        if (!ast) {
          ast = lib.compile(query, options);
          if (compiled.size > 1000) compiled.clear();
          compiled.set(query, ast);
        }
        return lib.TreeInterpreter.search(ast, data as JSONValue);
      },
    };
  });
  return loaded;
}
