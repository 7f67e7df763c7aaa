import { decodePolicyBytes } from "@maa-policy/parser";
import { displayName, readError, readInputBytes, UsageError } from "./io.js";

/** A policy larger than this is refused before parsing: no real policy comes near it. */
export const MAX_POLICY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a policy file, or says why it cannot be read: every command that reads one comes here, so
 * a file that is not UTF-8 is refused with where and why, never checked or hashed with U+FFFD in it.
 */
export async function readPolicyFile(path: string): Promise<string | { error: UsageError }> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputBytes(path);
  } catch (error) {
    return { error: readError(path, error) };
  }
  if (bytes.length > MAX_POLICY_BYTES)
    return {
      error: new UsageError(`larger than ${MAX_POLICY_BYTES} bytes; not a policy`, displayName(path)),
    };
  const decoded = decodePolicyBytes(bytes);
  if (!decoded.ok)
    return {
      error: new UsageError(decoded.message, `${displayName(path)}:${decoded.line}:${decoded.column}`),
    };
  return decoded.text;
}
