import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";

import { MAX_INPUT_BYTES } from "@maa-policy/parser";

/** Thrown for usage or input problems; `main` prints the message and exits 2, never a stack trace. */
export class UsageError extends Error {}

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

/** One line for a file that could not be read or written (`cannot write` is added by writers). */
export function describeReadError(path: string, error: unknown): string {
  if (error instanceof InputTooLarge) return `${path}: ${error.message}`;
  return `${path}: ${describeSystemError(error)}`;
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
