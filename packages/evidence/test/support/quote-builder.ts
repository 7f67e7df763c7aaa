import type { webcrypto } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { pemChain, type Pki } from "./pki.js";

/** Builds SGX quotes (v3/v4) and OpenEnclave reports signed by test keys, field by field. */
export interface QuoteSpec {
  readonly pki: Pki;
  readonly version?: 3 | 4;
  readonly debug?: boolean;
  readonly kss?: boolean;
  readonly mrEnclave?: Uint8Array;
  readonly mrSigner?: Uint8Array;
  readonly productId?: number;
  readonly svn?: number;
  readonly reportData?: Uint8Array;
  readonly configId?: Uint8Array;
  readonly configSvn?: number;
  readonly isvExtProdId?: Uint8Array;
  readonly isvFamilyId?: Uint8Array;
  /** Certification data text; the PKI's chain (leaf first, root last) by default. */
  readonly chainPem?: string;
  readonly qeAuthData?: Uint8Array;
  readonly openEnclave?: boolean;
}

export interface BuiltQuote {
  readonly bytes: Uint8Array;
  /** Offsets of the quote's parts in `bytes` (OpenEnclave header included). */
  readonly at: Record<
    "header" | "body" | "sigLength" | "enclaveSig" | "attKey" | "qeReport" | "qeSig" | "authData" | "chain",
    number
  >;
  readonly lengths: Record<"qeReport" | "authData" | "chain", number>;
}

export const fill = (length: number, byte: number) => new Uint8Array(length).fill(byte);

export async function buildQuote(spec: QuoteSpec): Promise<BuiltQuote> {
  const version = spec.version ?? 3;
  const header = new Uint8Array(48);
  const h = new DataView(header.buffer);
  h.setUint16(0, version, true);
  h.setUint16(2, 2, true);
  h.setUint16(8, 5, true);
  h.setUint16(10, 10, true);
  header.set(
    [0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07],
    12,
  );
  const flags = 0x05n | (spec.debug ? 0x02n : 0n) | (spec.kss ? 0x80n : 0n);
  const body = reportBody({ ...spec, flags });

  const attKeys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const attKey = new Uint8Array(await crypto.subtle.exportKey("raw", attKeys.publicKey)).subarray(1);
  const authData = spec.qeAuthData ?? Uint8Array.from({ length: 32 }, (_, i) => i);
  const qeReportData = new Uint8Array(64);
  qeReportData.set(sha256(concat(attKey, authData)));
  const qeReport = reportBody({
    flags: 0x15n,
    productId: 1,
    svn: 5,
    mrSigner: fill(32, 0x8c),
    reportData: qeReportData,
  });
  const qeSig = await sign(spec.pki.pck.keys.privateKey, qeReport);
  const enclaveSig = await sign(attKeys.privateKey, concat(header, body));
  const chain = new TextEncoder().encode(
    spec.chainPem ??
      pemChain(spec.pki.pck.certificate, spec.pki.ca.certificate, spec.pki.root.certificate) + "\0",
  );
  const authSize = u16(authData.length);
  const chainBlock = concat(u16(5), u32(chain.length), chain);
  const qeBlock = concat(qeReport, qeSig, authSize, authData, chainBlock);
  const signature =
    version === 3
      ? concat(enclaveSig, attKey, qeBlock)
      : concat(enclaveSig, attKey, u16(6), u32(qeBlock.length), qeBlock);
  const quote = concat(header, body, u32(signature.length), signature);
  const base = spec.openEnclave ? 16 : 0;
  const bytes = spec.openEnclave ? concat(u32(1), u32(2), u32(quote.length), u32(0), quote) : quote;
  const sigStart = base + 436;
  const qeStart = sigStart + 128 + (version === 4 ? 6 : 0);
  return {
    bytes,
    at: {
      header: base,
      body: base + 48,
      sigLength: base + 432,
      enclaveSig: sigStart,
      attKey: sigStart + 64,
      qeReport: qeStart,
      qeSig: qeStart + 384,
      authData: qeStart + 450,
      chain: qeStart + 450 + authData.length + 6,
    },
    lengths: { qeReport: 384, authData: authData.length, chain: chain.length },
  };
}

interface BodySpec extends Omit<QuoteSpec, "pki"> {
  readonly flags: bigint;
}

function reportBody(spec: BodySpec): Uint8Array {
  const body = new Uint8Array(384);
  const v = new DataView(body.buffer);
  body.set(fill(16, 0x11), 0);
  if (spec.isvExtProdId) body.set(spec.isvExtProdId, 32);
  v.setBigUint64(48, spec.flags, true);
  v.setBigUint64(56, 7n, true);
  body.set(spec.mrEnclave ?? fill(32, 0xe1), 64);
  body.set(spec.mrSigner ?? fill(32, 0x51), 128);
  if (spec.configId) body.set(spec.configId, 192);
  v.setUint16(256, spec.productId ?? 1, true);
  v.setUint16(258, spec.svn ?? 1, true);
  v.setUint16(260, spec.configSvn ?? 0, true);
  if (spec.isvFamilyId) body.set(spec.isvFamilyId, 304);
  if (spec.reportData) body.set(spec.reportData, 320);
  return body;
}

async function sign(key: webcrypto.CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, new Uint8Array(data)),
  );
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function u16(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >> 8) & 0xff);
}

export function u32(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

/** Runtime data whose SHA-256 fills the first half of a report data field. */
export function boundReportData(runtime: Uint8Array): Uint8Array {
  const data = new Uint8Array(64);
  data.set(sha256(runtime));
  return data;
}
