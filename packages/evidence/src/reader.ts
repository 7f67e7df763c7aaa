import { evidenceError, fail, ok, type Result } from "./errors.js";

/**
 * A bounds-checked cursor over a structure that starts at `base` in the evidence as given, so that
 * every error names the field and its offset in the user's bytes (an OpenEnclave report's quote
 * starts at 16, a bare quote at 0).
 */
export class ByteReader {
  private at = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly base: number,
    private readonly prefix: string,
  ) {}

  /** Absolute offset of the next byte. */
  get offset(): number {
    return this.base + this.at;
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  fieldName(field: string): string {
    return `${this.prefix}.${field}`;
  }

  take(length: number, field: string): Result<Uint8Array> {
    if (length > this.remaining) {
      return fail(
        evidenceError(
          "truncated",
          this.fieldName(field),
          this.offset,
          `Truncated evidence: ${this.fieldName(field)} needs ${length} bytes but only ${this.remaining} remain`,
        ),
      );
    }
    const slice = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return ok(slice);
  }

  /** A reader over the next `length` bytes, which this reader skips. */
  sub(length: number, field: string, prefix: string): Result<ByteReader> {
    const start = this.offset;
    const slice = this.take(length, field);
    return slice.ok ? ok(new ByteReader(slice.value, start, prefix)) : slice;
  }
}
