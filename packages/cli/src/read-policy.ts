import { decodePolicyBytes } from "@maa-policy/parser";
import { displayName, readError, readInputBytes, readRegularFileSync, UsageError } from "./io.js";

/**
 * Reads a policy file, or says why it cannot be read: every command that reads one comes here, so
 * a file that is not UTF-8 is refused with where and why, never checked or hashed with U+FFFD in it,
 * and one past `MAX_INPUT_BYTES` is refused while it is read.
 */
export async function readPolicyFile(path: string): Promise<string | { error: UsageError }> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputBytes(path);
  } catch (error) {
    return { error: readError(path, error) };
  }
  return decoded(path, bytes);
}

/**
 * The same, without an await when the file is a regular file that opens (undefined otherwise: then
 * `readPolicyFile` reads it, and words why it cannot).
 */
export function readPolicyFileSync(path: string): string | { error: UsageError } | undefined {
  let bytes: Uint8Array | undefined;
  try {
    bytes = readRegularFileSync(path);
  } catch (error) {
    return { error: readError(path, error) };
  }
  return bytes && decoded(path, bytes);
}

function decoded(path: string, bytes: Uint8Array): string | { error: UsageError } {
  const result = decodePolicyBytes(bytes);
  if (!result.ok)
    return {
      error: new UsageError(result.message, `${displayName(path)}:${result.line}:${result.column}`),
    };
  return result.text;
}
