import { base64UrlDecode, base64UrlEncode } from "@maa-policy/tokens/encoding";

/** What a share link holds: everything the page shows comes from these. */
export interface PlaygroundState {
  readonly policy: string;
  readonly claims: string;
  readonly type: string;
}

/** The fragment key; a later format gets another key, so old links keep opening. */
const KEY = "s1=";

/**
 * The state as a URL fragment: JSON, deflate-raw (the browser's own CompressionStream), base64url.
 * The fragment never reaches a server, so a shared policy stays between the people who share it.
 */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = JSON.stringify([state.policy, state.claims, state.type]);
  const compressed = await pipe(new TextEncoder().encode(json), "deflate");
  return `#${KEY}${base64UrlEncode(compressed)}`;
}

/** The state of a fragment, or an error message for a fragment that is not one of ours or is damaged. */
export async function decodeState(hash: string): Promise<PlaygroundState | { error: string } | undefined> {
  const fragment = hash.replace(/^#/, "");
  if (fragment === "") return undefined;
  if (!fragment.startsWith(KEY)) return { error: "The link's fragment is not a playground state." };
  const bytes = base64UrlDecode(fragment.slice(KEY.length));
  if (!bytes.ok) return { error: "The link is damaged: its state is not base64url." };
  try {
    const json = new TextDecoder().decode(await pipe(bytes.value, "inflate"));
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === "string"))
      return { error: "The link is damaged: its state is not a policy, claims and type." };
    const [policy, claims, type] = parsed as [string, string, string];
    return { policy, claims, type };
  } catch (error) {
    return error instanceof TooLarge
      ? { error: `The link's state is larger than ${MAX_STATE_BYTES / 1024 / 1024} MB.` }
      : { error: "The link is damaged: its state does not decompress." };
  }
}

class TooLarge extends Error {}

/** Bounded: a fragment that inflates past this is refused rather than filling memory. */
export const MAX_STATE_BYTES = 4 * 1024 * 1024;

async function pipe(bytes: Uint8Array, direction: "deflate" | "inflate"): Promise<Uint8Array> {
  const transform =
    direction === "deflate" ? new CompressionStream("deflate-raw") : new DecompressionStream("deflate-raw");
  const reader: ReadableStreamDefaultReader<Uint8Array> = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(transform)
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    total += next.value.length;
    if (total > MAX_STATE_BYTES) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) out.set(chunk, (at += chunk.length) - chunk.length);
  return out;
}
