import { decodePolicyBytes } from "@maa-policy/parser";
import { displayName, readError, readInputBytes, UsageError } from "./io.js";

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
  const decoded = decodePolicyBytes(bytes);
  if (!decoded.ok)
    return {
      error: new UsageError(decoded.message, `${displayName(path)}:${decoded.line}:${decoded.column}`),
    };
  return decoded.text;
}
