/**
 * A strict DER check for certificates. The ASN.1 parser under @peculiar/x509 is lenient (a too-short
 * length inside the signature still parses), so a flipped bit outside the signed TBS part could go
 * unnoticed; DER has exactly one encoding per value, and this walk enforces it.
 */

export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly content: number;
  readonly end: number;
}

/** The offset of the first byte that is not minimal, well-nested DER, or -1 if there is none. */
export function firstNonDer(bytes: Uint8Array): number {
  const top = walk(bytes, 0, bytes.length);
  if (typeof top === "number") return top;
  if (top.length !== 1) return top[1]?.start ?? 0;
  // A certificate's signature BIT STRING holds the DER ECDSA-Sig-Value: check it too.
  const parts = walk(bytes, top[0].content, top[0].end);
  if (typeof parts === "number") return parts;
  const signature = parts[2];
  if (parts.length !== 3 || signature.tag !== 0x03) return top[0].start;
  if (bytes[signature.content] !== 0) return signature.content;
  const inner = walk(bytes, signature.content + 1, signature.end);
  return typeof inner === "number" ? inner : inner.length === 1 ? -1 : signature.content + 1;
}

/** The TLVs that exactly fill [start, end), checked recursively; a number is the offending offset. */
export function walk(bytes: Uint8Array, start: number, end: number): Tlv[] | number {
  return tlvs(bytes, start, end, true);
}

/**
 * The TLVs directly inside a constructed TLV, for bytes `firstNonDer` has already checked whole
 * (each level read once, rather than walking every subtree again); [] if they do not fill it.
 */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const found = tlvs(bytes, parent.content, parent.end, false);
  return typeof found === "number" ? [] : found;
}

function tlvs(bytes: Uint8Array, start: number, end: number, deep: boolean): Tlv[] | number {
  const out: Tlv[] = [];
  let at = start;
  while (at < end) {
    const tlv = header(bytes, at, end);
    if (typeof tlv === "number") return tlv;
    if (deep && tlv.tag & 0x20) {
      const inner = walk(bytes, tlv.content, tlv.end);
      if (typeof inner === "number") return inner;
    }
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

function header(bytes: Uint8Array, at: number, end: number): Tlv | number {
  if (at + 2 > end || (bytes[at] & 0x1f) === 0x1f) return at;
  const first = bytes[at + 1];
  let length = first;
  let content = at + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    // Indefinite (0x80) and over-long forms are BER, not DER; so is a leading zero or a long form under 128.
    if (count === 0 || count > 3 || content + count > end || bytes[content] === 0) return at + 1;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[content + i];
    if (length < 0x80) return at + 1;
    content += count;
  }
  if (content + length > end) return at + 1;
  return { tag: bytes[at], start: at, content, end: content + length };
}
