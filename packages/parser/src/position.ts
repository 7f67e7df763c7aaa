/**
 * The one position convention of the language core: 0-based `line` and `character` counted in
 * UTF-16 code units (what LSP and JavaScript strings use), plus the 0-based UTF-16 `offset` into
 * the text. Edges convert exactly once: the CLI prints 1-based lines and columns, the service
 * rendering prints what the service prints (see `service-error.ts`).
 */
export interface Position {
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

/** A half-open range: `end` is the position just after the last character. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Maps offsets to positions. Line breaks are `\n`, `\r\n` and a lone `\r`, as in LSP. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    // Most text breaks lines with `\n` alone, which the engine's native search finds fastest.
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) this.lineStarts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low], offset: clamped };
  }

  offsetAt(line: number, character: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, line)];
    return Math.min(start + Math.max(0, character), this.lineEnd(line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The offset where `line`'s content ends, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line] ?? this.text.length, this.lineEnd(line));
  }
}

export function containsOffset(range: Range, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}

/** `line L, column C`, both 1-based, as the service's own messages count them: the one spelling. */
export function describePosition(position: Position): string {
  return `line ${position.line + 1}, column ${position.character + 1}`;
}
