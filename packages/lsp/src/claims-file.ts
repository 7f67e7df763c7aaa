import { access, open } from "node:fs/promises";
import { MAX_INPUT_BYTES } from "@maa-policy/parser";
import { basename, dirname, extname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The claims file for a policy: the request's own, else the `maaPolicy.claimsFile` setting (an
 * absolute path, or relative to a workspace folder, then to the policy's folder), else
 * `<name>.claims.json` beside the policy (`sgx.policy` → `sgx.claims.json`).
 */
export async function findClaimsFile(
  policyUri: string,
  requested: string | undefined,
  setting: string | undefined,
  folders: readonly string[],
): Promise<string | undefined> {
  if (requested) return requested;
  if (!policyUri.startsWith("file:")) return undefined;
  const policyPath = fileURLToPath(policyUri);
  const policyDir = dirname(policyPath);
  const candidates = setting
    ? isAbsolute(setting)
      ? [setting]
      : [...folders.map((f) => join(fileURLToPath(f), setting)), join(policyDir, setting)]
    : [join(policyDir, `${basename(policyPath, extname(policyPath))}.claims.json`)];
  for (const candidate of candidates) if (await exists(candidate)) return pathToFileURL(candidate).href;
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The text of a `file:` URI, or an error message. At most `MAX_INPUT_BYTES` are read, counted
 * while reading, so a device or a growing file cannot fill the server's memory.
 */
export async function readUri(uri: string): Promise<{ text: string } | { error: string }> {
  let file;
  try {
    file = await open(fileURLToPath(uri), "r");
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_INPUT_BYTES)
        return { error: `cannot read ${uri}: larger than ${MAX_INPUT_BYTES} bytes` };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { text: Buffer.concat(chunks).toString("utf8") };
  } catch (error) {
    return { error: `cannot read ${uri}: ${(error as Error).message}` };
  } finally {
    await file?.close();
  }
}

/**
 * How Evaluate finds and reads claims files: from the disk here (main.ts), nothing in a browser.
 * Modules that run in the playground's Web Worker import only this type, never this file's Node code.
 */
export interface ClaimsFiles {
  readonly find: typeof findClaimsFile;
  readonly read: typeof readUri;
}

export const NODE_CLAIMS_FILES: ClaimsFiles = { find: findClaimsFile, read: readUri };
