import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../atomic-write.js";

/**
 * The one way serve writes a file: the CLI's atomic writer (a temporary file beside it, flushed
 * and renamed over the old one), so a kill or a full disk at any moment leaves the old or the new
 * file, never half of one. `mode` 0o600 keeps private keys to their owner.
 */
export async function writeDurably(path: string, data: string, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, data, { mode });
}
