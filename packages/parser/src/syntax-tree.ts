import type { Range } from "./position.js";
import type { SourceMap } from "./source-map.js";

/**
 * Where the AST lives: every node is a record of integers in `Int32Array` chunks, and the
 * objects that `ast.ts` describes are views made on demand (`ast-views.ts`). A policy of ten
 * thousand rules is then a few dozen arrays, not a million small objects: building those objects
 * cost more in garbage collection than the parsing itself, and made parse time grow faster than
 * the text (docs/decisions.md, "A compact syntax tree").
 *
 * A record is `kind, start, end` (UTF-16 offsets, `end` exclusive), the kind's own fields, and
 * last the lists of child records as a count followed by the children's ids. A child is always
 * written before its parent, so a reader that gives up half-way leaves unreferenced records, never
 * half-built ones.
 */
export const NodeKind = {
  Policy: 0,
  VersionInfo: 1,
  Section: 2,
  Rule: 3,
  Condition: 4,
  PropertyCondition: 5,
  Action: 6,
  ClaimArgument: 7,
  String: 8,
  Integer: 9,
  Boolean: 10,
  PropertyReference: 11,
  FunctionCall: 12,
  IdentifierReference: 13,
  LineComment: 14,
  BlockComment: 15,
} as const;

/** Field slots after the `kind, start, end` header. */
export const HEADER = 3;

/** Where a record says "absent" (no version, no identifier). */
export const NONE = -1;

/**
 * Records sit in chunks of at most this many slots (64 kB): small enough that the allocator hands
 * them out from memory it already has, where one large buffer a parse costs fresh pages from the
 * system (measured here: filling one 4 MB buffer a parse took 13 ms, the same slots in 64 kB
 * chunks 5 ms; 4 MB is what 10,000 rules take). A record's id is its chunk's index
 * times this, plus its offset; a record never spans two chunks, and one too large for a chunk
 * (a section of many thousand rules) gets a chunk of its own.
 */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const OFFSET_MASK = CHUNK - 1;

export class SyntaxTree {
  constructor(
    readonly source: SourceMap,
    private readonly chunks: readonly Int32Array[],
    /** The id of the Policy record. */
    readonly root: number,
  ) {}

  /** The value in `slot` of record `id` (slot 0 is the kind). */
  int(id: number, slot: number): number {
    return this.chunks[id >>> CHUNK_BITS][(id & OFFSET_MASK) + slot];
  }

  kind(id: number): number {
    return this.int(id, 0);
  }

  range(id: number): Range {
    return this.source.lines.range(this.int(id, 1), this.int(id, 2));
  }

  /** The range of a span stored in the record at `slot` (start) and `slot + 1` (end). */
  spanRange(id: number, slot: number): Range {
    return this.source.lines.range(this.int(id, slot), this.int(id, slot + 1));
  }

  spanText(id: number, slot: number): string {
    return this.source.text.slice(this.int(id, slot), this.int(id, slot + 1));
  }

  /** The node's own text. */
  text(id: number): string {
    return this.source.text.slice(this.int(id, 1), this.int(id, 2));
  }

  /** What `make` makes of each id in the list that starts at `slot` (its count). */
  list<T>(id: number, slot: number, make: (id: number) => T): T[] {
    const chunk = this.chunks[id >>> CHUNK_BITS];
    const at = (id & OFFSET_MASK) + slot;
    const count = chunk[at];
    const made = new Array<T>(count);
    for (let i = 0; i < count; i++) made[i] = make(chunk[at + 1 + i]);
    return made;
  }

  /** The slot just after the list at `slot`, where a record's next list starts. */
  afterList(id: number, slot: number): number {
    return slot + 1 + this.int(id, slot);
  }
}

/**
 * Appends records. Finished children wait on a stack until their parent takes them as a list,
 * so both readers of the text (the fast parser and the AST builder over the ANTLR parser) build
 * lists without an array per node.
 */
export class TreeWriter {
  private readonly chunks: Int32Array[] = [];
  private chunk: Int32Array;
  private used = 0;
  /** Where the record being written must end, as its `begin` said. */
  private recordEnd = 0;
  /** The finished children waiting for their parent, `waitingCount` of them. */
  private waiting = new Int32Array(64);
  private waitingCount = 0;

  /**
   * @param textLength the length of the text to be read: policies take under one slot a
   * character, so a small policy's records fit in one chunk of about its size.
   */
  constructor(textLength: number) {
    this.chunk = new Int32Array(Math.min(CHUNK, Math.max(256, textLength)));
    this.chunks.push(this.chunk);
  }

  /**
   * Starts a record of `size` slots in all and returns its id; exactly that many fields and list
   * slots follow it, in the record's order.
   */
  begin(kind: number, start: number, end: number, size: number): number {
    this.checkRecordEnd();
    if (this.used + size > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(CHUNK, size));
      this.chunks.push(this.chunk);
      this.used = 0;
    }
    const id = (this.chunks.length - 1) * CHUNK + this.used;
    this.recordEnd = this.used + size;
    this.int(kind);
    this.int(start);
    this.int(end);
    return id;
  }

  int(value: number): void {
    this.chunk[this.used++] = value;
  }

  /** Puts a finished child on the stack, to join the next list taken from its mark. */
  push(id: number): void {
    if (this.waitingCount === this.waiting.length) {
      const larger = new Int32Array(this.waiting.length * 2);
      larger.set(this.waiting);
      this.waiting = larger;
    }
    this.waiting[this.waitingCount++] = id;
  }

  /** Where the next list's children start on the stack. */
  mark(): number {
    return this.waitingCount;
  }

  /** The slots the list of the children pushed since `mark` will take: its count and their ids. */
  listSize(mark: number): number {
    return 1 + this.waitingCount - mark;
  }

  /** Writes the children pushed since `mark` as a list of the current record. */
  list(mark: number): void {
    this.int(this.waitingCount - mark);
    for (let i = mark; i < this.waitingCount; i++) this.int(this.waiting[i]);
    this.waitingCount = mark;
  }

  /** Drops the children pushed since `mark`: their parent could not be built. */
  discard(mark: number): void {
    this.waitingCount = mark;
  }

  finish(source: SourceMap, root: number): SyntaxTree {
    this.checkRecordEnd();
    return new SyntaxTree(source, this.chunks, root);
  }

  /**
   * A record that wrote more or fewer slots than its `begin` said is a bug in its writer, which
   * at a chunk's end would lose slots without a word: say so at once, in any test.
   */
  private checkRecordEnd(): void {
    if (this.used !== this.recordEnd)
      throw new Error(`a record wrote ${this.used - this.recordEnd} slots more than its begin() said`);
  }
}
