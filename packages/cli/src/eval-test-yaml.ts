import type { Alias, Document, Node, Pair } from "yaml";
import { UsageError } from "./io.js";

/**
 * How many values a test file may hold once its aliases are expanded (docs/decisions.md, "YAML
 * aliases"). Reuse (`claims: *base` in every case) stays far below it: 1,000 cases of a 100-value
 * claim set is 100,000. An alias bomb (each anchor a list of aliases to the one before) grows
 * tenfold a line and passes it within a few lines. The yaml library's own guard counts alias uses
 * instead, and so refuses the first 101st `*base`.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** A parsed test file, with the place of each of its values for messages. */
export interface YamlFile {
  readonly data: unknown;
  /** 1-based line and column of the value at `path` (or of the key `key` in it), when found. */
  locate(path: readonly (string | number)[], key?: string): string;
}

type Yaml = typeof import("yaml");
type Child = Node | Pair | null | undefined;

/** Parses YAML (JSON is YAML), bounding alias expansion; every problem is a located UsageError. */
export async function readYaml(path: string, text: string): Promise<YamlFile> {
  const yaml = await import("yaml");
  const lineCounter = new yaml.LineCounter();
  const where = (offset: number | undefined) => {
    if (offset === undefined) return "";
    const { line, col } = lineCounter.linePos(offset);
    return `:${line}:${col}`;
  };
  const fail = (offset: number | undefined, message: string): never => {
    throw new UsageError(`${path}${where(offset)}: ${message}`);
  };
  let doc: Document.Parsed;
  try {
    doc = yaml.parseDocument(text, { lineCounter, merge: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail(undefined, "the YAML is nested too deeply to read");
  }
  const error = doc.errors[0];
  if (error) {
    // yaml repeats the position in words at the end of its first line; the prefix already says it.
    // Its parser recurses, and on nesting deep enough it passes the engine's stack overflow on.
    const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    fail(error.pos[0], /Maximum call stack/.test(first) ? "the YAML is nested too deeply to read" : first);
  }
  try {
    const targets = aliasTargets(yaml, doc.contents);
    for (const [alias, target] of targets)
      if (!target) fail(alias.range?.[0], `the alias *${alias.source} names no anchor before it`);
    const bomb = firstAliasBeyond(yaml, doc.contents, targets, MAX_EXPANDED_VALUES);
    if (bomb)
      fail(
        bomb.alias.range?.[0],
        bomb.cycle
          ? `the alias *${bomb.alias.source} refers to a value that contains it, which never ends`
          : `the aliases expand the file to more than ${MAX_EXPANDED_VALUES.toLocaleString("en")} values here (an alias bomb); refused`,
      );
    const data: unknown = doc.toJS({ maxAliasCount: -1 });
    return { data, locate: (at, key) => where(locate(yaml, doc.contents, targets, at, key)) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail(undefined, "the YAML is nested too deeply to read");
  }
}

function children(yaml: Yaml, node: Child): Child[] {
  if (!node) return [];
  if (yaml.isPair(node)) return [node.key as Child, node.value as Child];
  if (yaml.isCollection(node)) return node.items as Child[];
  return [];
}

/** Each alias's node: the last one anchored under its name before it, in document order (as yaml). */
function aliasTargets(yaml: Yaml, root: Child): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  const walk = (node: Child): void => {
    if (!node) return;
    if (yaml.isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (yaml.isNode(node) && node.anchor) anchors.set(node.anchor, node);
    for (const child of children(yaml, node)) walk(child);
  };
  walk(root);
  return targets;
}

/**
 * The first alias, in document order, at which the expanded document passes `limit` values, or
 * one that refers to a value containing it. Each anchored value's size is counted once and kept,
 * so this is linear in the text however large the expansion would be.
 */
function firstAliasBeyond(
  yaml: Yaml,
  root: Child,
  targets: Map<Alias, Node | undefined>,
  limit: number,
): { alias: Alias; cycle: boolean } | undefined {
  const sizes = new Map<Child, number>();
  const open = new Set<Child>();
  let cycle: Alias | undefined;
  const size = (node: Child): number => {
    if (!node) return 0;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (yaml.isAlias(node)) {
      const target = targets.get(node);
      if (open.has(target)) cycle ??= node;
      return open.has(target) ? limit + 1 : size(target);
    }
    open.add(node);
    let total = yaml.isPair(node) ? 0 : 1;
    for (const child of children(yaml, node)) total = Math.min(limit + 1, total + size(child));
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  let total = 0;
  const walk = (node: Child): Alias | undefined => {
    if (!node) return undefined;
    if (yaml.isAlias(node)) {
      total += size(node);
      return total > limit || cycle ? (cycle ?? node) : undefined;
    }
    if (!yaml.isPair(node)) total++;
    for (const child of children(yaml, node)) {
      const found = walk(child);
      if (found) return found;
    }
    return undefined;
  };
  const alias = walk(root);
  return alias && { alias, cycle: alias === cycle };
}

/**
 * The offset of the value at `path`, or of the key `key` in the map there; through aliases to
 * the anchored value (where the data is written), stopping at the last value found.
 */
function locate(
  yaml: Yaml,
  root: Child,
  targets: Map<Alias, Node | undefined>,
  path: readonly (string | number)[],
  key?: string,
): number | undefined {
  const resolve = (node: Child): Child => (node && yaml.isAlias(node) ? targets.get(node) : node);
  const pairOf = (node: Child, name: string | number) =>
    yaml.isMap(node)
      ? node.items.find((pair) => (yaml.isScalar(pair.key) ? pair.key.value : pair.key) === name)
      : undefined;
  let node = resolve(root);
  for (const step of path) {
    const next: Child =
      yaml.isSeq(node) && typeof step === "number"
        ? (node.items[step] as Child)
        : (pairOf(node, step)?.value as Child);
    if (!next) break;
    node = resolve(next);
  }
  const named = key === undefined ? undefined : (pairOf(node, key)?.key as Child);
  return ((named ?? node) as Node | null | undefined)?.range?.[0];
}
