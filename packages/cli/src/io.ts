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

export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES") return "permission denied";
  return (error as Error).message;
}

/** A UsageError as its error line. */
export function usageErrorLine(error: UsageError): string {
  return problemLine({ where: error.where, severity: "error", message: error.message });
}
