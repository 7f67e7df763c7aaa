import { open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file so that a reader, a crash or a full disk never sees it torn: the text goes to a
 * temporary file beside it, is flushed to disk, takes the original's mode (and owner, when we may
 * set it), and is renamed over the original; then the directory is flushed, so the rename itself
 * survives a crash. On any failure the temporary file is removed, the original is untouched, and
 * the error is thrown for the caller to put in words.
 *
 * Hand-written because the libraries for it did not survive a full disk: write-file-atomic 7 and
 * atomically 2 each wrote a 100 kB file as 61,440 bytes to a 64 kB tmpfs and reported success
 * (one write(2) call, its short count unchecked), where `FileHandle.writeFile` throws ENOSPC.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: { mode?: number } = {},
): Promise<void> {
  // Through a symbolic link, the file it points to is replaced and the link kept.
  const target = await realpath(path).catch(() => path);
  const original = await stat(target).catch(() => undefined);
  if (original?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
  // A pipe, a terminal or a device (`-o /dev/stdout`, `-o >(jq .)`, `-o /dev/null`) is written to
  // as it is: renaming a file over it would replace the device instead of writing to it.
  if (original && !original.isFile()) return writeInPlace(target, text);
  // node:crypto is loaded here, not at start: it costs every command (`eval` too) ~8 ms to load.
  const { randomBytes } = await import("node:crypto");
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  // A mode asked for (0o600 for a private key) is set whatever the file had; otherwise the file keeps its own.
  const mode = options.mode ?? (original ? original.mode & 0o7777 : 0o666);
  const handle = await open(temporary, "wx", mode);
  try {
    await handle.writeFile(text, "utf8");
    // The creation mode passed through the umask; the mode the file must have does not.
    if (original || options.mode !== undefined) await handle.chmod(mode);
    if (original) await handle.chown(original.uid, original.gid).catch(() => undefined);
    await handle.sync();
    await handle.close();
    await rename(temporary, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target));
}

async function writeInPlace(path: string, text: string): Promise<void> {
  const handle = await open(path, "w");
  try {
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}

/** Not every platform can open a directory to flush it (Windows cannot); the rename stands anyway. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, "r").catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close().catch(() => undefined);
}
