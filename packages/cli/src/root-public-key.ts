import { UsageError } from "./io.js";

/** `--root-public-key`: an uncompressed P-256 point in hex (with or without its 04 prefix). */
export function parseRootPublicKey(hex: string): Uint8Array {
  if (!/^(04)?[0-9a-fA-F]{128}$/.test(hex))
    throw new UsageError("--root-public-key: expected an uncompressed P-256 point: 128 or 130 hex digits");
  const digits = hex.length === 128 ? `04${hex}` : hex;
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
