import { LineIndex, type Range } from "./position.js";

/**
 * ANTLR indexes characters by code point; the core speaks UTF-16 offsets. For the common text
 * without astral characters the two agree and the mapping is the identity.
 */
export class SourceMap {
  readonly lines: LineIndex;
  private readonly utf16Offsets: Uint32Array | undefined;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.utf16Offsets = /[\uD800-\uDFFF]/.test(text) ? codePointOffsets(text) : undefined;
  }

  get hasAstralCharacters(): boolean {
    return this.utf16Offsets !== undefined;
  }

  /** The UTF-16 offset of ANTLR character index `index` (a code point index). */
  offset(index: number): number {
    const clamped = Math.max(0, index);
    if (!this.utf16Offsets) return Math.min(clamped, this.text.length);
    return this.utf16Offsets[Math.min(clamped, this.utf16Offsets.length - 1)];
  }

  /** A range from ANTLR character indexes, `end` exclusive. */
  range(start: number, end: number): Range {
    return this.lines.range(this.offset(start), this.offset(end));
  }
}

function codePointOffsets(text: string): Uint32Array {
  const offsets: number[] = [];
  let offset = 0;
  for (const char of text) {
    offsets.push(offset);
    offset += char.length;
  }
  offsets.push(offset);
  return Uint32Array.from(offsets);
}
