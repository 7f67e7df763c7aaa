import { readFile } from "node:fs/promises";

/** The Node side of the core's file access: `-` is standard input. */
export async function readInput(path: string): Promise<string> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  return readFile(path, "utf8");
}

export async function readInputBytes(path: string): Promise<Uint8Array> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  return new Uint8Array(await readFile(path));
}

/** Thrown for usage or input problems; `main` prints the message and exits 2, never a stack trace. */
export class UsageError extends Error {}

export function describeReadError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${path}: no such file`;
  if (code === "EISDIR") return `${path}: is a directory`;
  if (code === "EACCES") return `${path}: permission denied`;
  return `${path}: ${(error as Error).message}`;
}
