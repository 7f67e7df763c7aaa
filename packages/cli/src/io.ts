import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { MAX_INPUT_BYTES } from "@maa-policy/parser";
import { writeFileAtomic } from "./atomic-write.js";

/** An input past `MAX_INPUT_BYTES`, found while reading it. */
export class InputTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes; not read`);
  }
}

/** The Node side of the core's file access: `-` is standard input. */
export async function readInput(path: string): Promise<string> {
  return Buffer.from(await readInputBytes(path)).toString("utf8");
}

export async function readInputBytes(path: string, limit = MAX_INPUT_BYTES): Promise<Uint8Array> {
  const stream: Readable = path === "-" ? process.stdin : createReadStream(path);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    // Leaving the loop destroys the stream: a file, a device or a pipe is read no further.
    if (size > limit) throw new InputTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A regular file's bytes, read in one synchronous call: what `check` does for each of many files,
 * where a stream and an await per file cost more than the reading. Undefined for anything else
 * (standard input, a pipe, a device, a file that cannot be opened): `readInputBytes` streams those
 * and words their errors, so both paths report alike.
 */
export function readRegularFileSync(path: string, limit = MAX_INPUT_BYTES): Uint8Array | undefined {
  if (path === "-") return undefined;
  let fd: number;
  try {
    // Checked before opening: opening a FIFO would wait for a writer.
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    // One byte more than the limit tells a file past it (or grown past it since the stat).
    let buffer = Buffer.allocUnsafe(Math.min(fstatSync(fd).size, limit) + 1);
    let size = 0;
    for (;;) {
      if (size === buffer.length) {
        if (size > limit) throw new InputTooLarge(limit);
        const larger = Buffer.allocUnsafe(Math.min(size * 2, limit + 1));
        buffer.copy(larger);
        buffer = larger;
      }
      const read = readSync(fd, buffer, size, buffer.length - size, null);
      if (read === 0) break;
      size += read;
    }
    if (size > limit) throw new InputTooLarge(limit);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, size);
  } finally {
    closeSync(fd);
  }
}

/** How messages name an input: `-` is standard input. */
export const displayName = (path: string) => (path === "-" ? "<stdin>" : path);

/**
 * Every error and warning line the CLI writes has one shape, the compilers' (and `check`'s):
 * `<where>: <severity>[ <Code>]: <message>`, where `<where>` is the file at fault (with
 * `:line:column` when known) or `policy-eval` when no file is (docs/cli.md, "Messages").
 */
export interface Problem {
  readonly where?: string;
  /** `note` adds to the error before it, as compilers' notes do. */
  readonly severity: "error" | "warning" | "note";
  readonly code?: string;
  readonly message: string;
}

export const PROGRAM = "policy-eval";

export function problemLine({ where, severity, code, message }: Problem): string {
  return `${where ?? PROGRAM}: ${severity}${code ? ` ${code}` : ""}: ${message}\n`;
}

/**
 * Thrown for usage or input problems; `main` prints it as an error line and exits 2, never a
 * stack trace. `where` is the file at fault, if one is.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(message);
  }
}

/** An input that cannot be read, blamed on its file. */
export function readError(path: string, error: unknown): UsageError {
  return new UsageError(describeReadError(error), displayName(path));
}

/** Why a file could not be read (or written: writers add `cannot write`), in words. */
export function describeReadError(error: unknown): string {
  return error instanceof InputTooLarge ? error.message : describeSystemError(error);
}

/** A system error in words, with its code: what a user can act on, never a stack trace. */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device (ENOSPC)";
    case "EROFS":
      return "read-only file system (EROFS)";
    case "EDQUOT":
      return "disk quota exceeded (EDQUOT)";
    case "EPIPE":
      return "the reader closed the pipe (EPIPE)";
    default:
      return code ? `${(error as Error).message.split("\n")[0]}` : String((error as Error)?.message ?? error);
  }
}

/** A UsageError as its error line. */
export function usageErrorLine(error: UsageError): string {
  return problemLine({ where: error.where, severity: "error", message: error.message });
}

/**
 * Writes `--output` byte for byte and atomically (never a torn file); a file that cannot be
 * written is a usage error (exit 2). Here, not beside the token commands: a module that imports the
 * token package loads the X.509 library, which \`eval\` and \`check\` never need at start.
 */
export async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new UsageError(`cannot write: ${describeSystemError(error)}`, path);
  }
}
