import { equalBytes } from "./bytes.js";
import { children, type Tlv } from "./der.js";
import { nameText } from "./distinguished-name.js";

/** What the chain checks read of a certificate. */
export interface CertificateFields {
  /** The certificate as received: its signature is checked over these bytes. */
  readonly der: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** basicConstraints cA. */
  readonly ca: boolean;
  /** The public key's uncompressed point if it is an EC P-256 key (the only kind SGX chains hold), else null. */
  readonly p256Point: Uint8Array | null;
}

const BASIC_CONSTRAINTS = Uint8Array.of(0x55, 0x1d, 0x13); // 2.5.29.19
/** AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, DER. */
const EC_P256 = Uint8Array.of(
  ...[0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
  ...[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
);
const [SEQUENCE, INTEGER, BOOLEAN, BIT_STRING, OCTET_STRING, OID] = [0x30, 0x02, 0x01, 0x03, 0x04, 0x06];
const [VERSION, EXTENSIONS] = [0xa0, 0xa3];

/**
 * Reads an X.509 certificate's fields level by level, or null if the bytes are not a well-formed
 * certificate. Every TLV read is bounds-checked; callers check the whole encoding with `firstNonDer`. An ASN.1 object model (asn1js under @peculiar/x509) costs about
 * ten times the signatures it protects here (issue 18); names read as @peculiar/x509 writes them.
 */
export function readCertificate(der: Uint8Array): CertificateFields | null {
  const at = (parent: Tlv | undefined, tag: number, index = 0): Tlv | undefined => {
    const child = parent && children(der, parent)[index];
    return child?.tag === tag ? child : undefined;
  };
  const certificate = at({ tag: SEQUENCE, start: 0, content: 0, end: der.length }, SEQUENCE);
  const tbs = at(certificate, SEQUENCE);
  if (!tbs) return null;
  const fields = children(der, tbs);
  const first = fields[0]?.tag === VERSION ? 1 : 0;
  const [serial, algorithm, issuer, validity, subject, keyInfo] = fields.slice(first, first + 6);
  const tags = [serial, algorithm, issuer, validity, subject, keyInfo].map((tlv) => tlv?.tag);
  if (tags.join() !== [INTEGER, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE].join()) return null;
  const [notBefore, notAfter] = children(der, validity).map((time) => readTime(der, time));
  const [keyAlgorithm, key] = children(der, keyInfo);
  if (!notBefore || !notAfter || key?.tag !== BIT_STRING || der[key.content] !== 0) return null;
  const p256 = equalBytes(der.subarray(keyAlgorithm.start, keyAlgorithm.end), EC_P256);
  const extensions = fields.slice(first + 6).find((tlv) => tlv.tag === EXTENSIONS);
  const ca = extensions ? basicConstraintsCa(der, extensions) : false;
  const names = readNames(der, issuer, subject);
  if (ca === null || names === null) return null;
  return {
    der,
    ...names,
    notBefore,
    notAfter,
    ca,
    p256Point: p256 ? der.subarray(key.content + 1, key.end) : null,
  };
}

/** The cA flag of basicConstraints (false when absent), or null when the extension is malformed. */
function basicConstraintsCa(der: Uint8Array, extensions: Tlv): boolean | null {
  const [list] = children(der, extensions);
  if (list?.tag !== SEQUENCE) return null;
  for (const extension of children(der, list)) {
    const parts = children(der, extension);
    const id = parts[0];
    if (id?.tag !== OID || !equalBytes(der.subarray(id.content, id.end), BASIC_CONSTRAINTS)) continue;
    const value = parts[parts.length - 1];
    if (value?.tag !== OCTET_STRING) return null;
    const [constraints] = children(der, value);
    if (constraints?.tag !== SEQUENCE) return null;
    const [flag] = children(der, constraints);
    return flag?.tag === BOOLEAN && der[flag.content] === 0xff;
  }
  return false;
}

function readNames(der: Uint8Array, issuer: Tlv, subject: Tlv): { issuer: string; subject: string } | null {
  try {
    return { issuer: nameText(der, issuer), subject: nameText(der, subject) };
  } catch {
    return null;
  }
}

/** UTCTime (YYMMDDHHMMSSZ, years 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 §4.1.2.5 allows. */
function readTime(der: Uint8Array, time: Tlv): Date | undefined {
  const text = String.fromCharCode(...der.subarray(time.content, time.end));
  const utc = time.tag === 0x17 && /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  const generalized = time.tag === 0x18 && /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  const parts = utc || generalized;
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
  const fullYear = utc ? (year >= 50 ? 1900 + year : 2000 + year) : year;
  const date = new Date(Date.UTC(fullYear, month - 1, day, hour, minute, second));
  return date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
    ? date
    : undefined;
}
