import { IntStream, Token, type CharStream, type Interval } from "antlr4ng";

/**
 * A character stream straight over a JavaScript string. antlr4ng's own stream copies the text
 * into an array of code points and rebuilds every token's text one code point at a time, which
 * dominated parse time. For text without astral characters (every real policy) UTF-16 units and
 * code points coincide, so indexes, columns and messages are unchanged; `parse.ts` falls back to
 * antlr4ng's stream otherwise.
 */
export class Utf16CharStream implements CharStream {
  name = "";
  index = 0;

  constructor(private readonly text: string) {}

  reset(): void {
    this.index = 0;
  }

  consume(): void {
    if (this.index >= this.text.length) throw new Error("cannot consume EOF");
    this.index++;
  }

  LA(offset: number): number {
    if (offset === 0) return 0;
    const position = this.index + (offset < 0 ? offset : offset - 1);
    return position < 0 || position >= this.text.length ? Token.EOF : this.text.charCodeAt(position);
  }

  mark(): number {
    return -1;
  }

  release(_marker: number): void {}

  seek(index: number): void {
    this.index = Math.min(index, this.text.length);
  }

  get size(): number {
    return this.text.length;
  }

  getSourceName(): string {
    return this.name || IntStream.UNKNOWN_SOURCE_NAME;
  }

  getTextFromRange(start: number, stop?: number): string {
    return this.text.slice(start, (stop ?? this.text.length - 1) + 1);
  }

  getTextFromInterval(interval: Interval): string {
    return this.getTextFromRange(interval.start, interval.stop);
  }

  toString(): string {
    return this.text;
  }
}
