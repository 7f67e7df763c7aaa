import type { JSONValue } from "@jmespath-community/jmespath";
import { dialectRefusal, findJmesPathFunction } from "@maa-policy/parser";
import { Decisions } from "./decisions.js";
import { Budget, BudgetExceeded } from "./jmespath-budget.js";

/**
 * What a search gives: the result, or why there is none: the query does not compile (`syntax`),
 * uses what the dialect lacks (`refused`), fails on the data (`runtime`) or passes a bound (`limit`).
 */
export type SearchResult =
  | { readonly value: unknown }
  | { readonly error: string; readonly kind: "syntax" | "refused" | "runtime" | "limit" };
type Compiled = ReturnType<Library["compile"]> | Extract<SearchResult, { error: string }>;

/**
 * The JMESPath dialect of MAA policies (`jmespath-dialect.ts` in the parser): the specification's
 * functions plus `equals_ignore_case`, nothing of JMESPath Community's, every search bounded in
 * steps and in the size of what it builds (`jmespath-limits.ts`).
 */
export interface JmesPathEngine {
  search(data: unknown, query: string): SearchResult;
}

let loaded: Promise<JmesPathEngine> | undefined;

/**
 * Loaded on first use only (a dynamic import), so policies without JmesPath() and the CLI's
 * start-up never pay for the library.
 */
export function loadJmesPath(): Promise<JmesPathEngine> {
  loaded ??= import("@jmespath-community/jmespath").then(makeEngine);
  return loaded;
}

type Library = typeof import("@jmespath-community/jmespath");
type Interpreter = Library["TreeInterpreter"];

function makeEngine(lib: Library): JmesPathEngine {
  // An interpreter of our own (the library's is shared with anyone who imports it), whose
  // function table holds the dialect only, and whose every step goes through the budget.
  const interpreter = new (lib.TreeInterpreter.constructor as new () => Interpreter)();
  const libraryFunctions = new Set(Object.keys(interpreter.runtime._functionTable));
  for (const name of libraryFunctions)
    if (!findJmesPathFunction(name)) delete interpreter.runtime._functionTable[name];
  interpreter.runtime.register(
    "equals_ignore_case",
    // Not a string on either side (a missing field inside a filter, typically) is simply not equal.
    ([a, b]) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase(),
    [{ types: [lib.TYPE_ANY] }, { types: [lib.TYPE_ANY] }],
  );
  let budget = new Budget();
  const visit = interpreter.visit.bind(interpreter);
  interpreter.visit = (node, value) => {
    budget.step();
    const result = visit(node, value);
    budget.measure(result);
    return result;
  };

  const compiled = new Map<string, Compiled>();
  const options = { enable_legacy_literals: Decisions.jmesPathLegacyLiterals };
  const compile = (query: string): Compiled => {
    let ast = compiled.get(query);
    if (ast === undefined) {
      try {
        ast = lib.compile(query, options);
        const refusal = dialectRefusal(ast, libraryFunctions);
        if (refusal) ast = { error: refusal, kind: "refused" };
      } catch (error) {
        ast = { error: (error as Error).message, kind: "syntax" };
      }
      if (compiled.size > 1000) compiled.clear();
      compiled.set(query, ast);
    }
    return ast;
  };
  return {
    search(data, query) {
      const ast = compile(query);
      if ("error" in ast) return ast;
      budget = new Budget();
      try {
        return { value: interpreter.search(ast, data as JSONValue) };
      } catch (error) {
        if (error instanceof BudgetExceeded) return { error: error.message, kind: "limit" };
        // The library's own runtime errors: a wrong argument type reaching a function, say.
        return { error: (error as Error).message, kind: "runtime" };
      }
    },
  };
}
