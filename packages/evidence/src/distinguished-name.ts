import { Name } from "./x509.js";
import { toHex } from "./bytes.js";
import { children, type Tlv } from "./der.js";

/** The attribute types @peculiar/x509 names, by the hex of their DER OID content. */
const SHORT_NAMES = new Map<string, string>([
  ["550403", "CN"],
  ["550407", "L"],
  ["550408", "ST"],
  ["55040a", "O"],
  ["55040b", "OU"],
  ["550406", "C"],
  ["0992268993f22c640119", "DC"],
  ["2a864886f70d010901", "E"],
  ["55042a", "G"],
  ["55042b", "I"],
  ["550404", "SN"],
  ["55040c", "T"],
]);
const [SET, SEQUENCE, OID] = [0x31, 0x30, 0x06];
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const LATIN1 = new TextDecoder("latin1");
/** UTF8String, and PrintableString and IA5String (ASCII): the strings certificates use. */
const DECODERS = new Map([
  [0x0c, UTF8],
  [0x13, LATIN1],
  [0x16, LATIN1],
]);

/**
 * A Name as @peculiar/x509 writes it (`CN=…, O=…`, RFC 4514 escapes, in DER order). The common
 * case is read here directly, since the ASN.1 object model costs more than the signatures it
 * guards; anything else (another string type, an unnamed attribute) goes through @peculiar/x509
 * itself, so every name reads exactly as it does there. Throws on a malformed Name.
 */
export function nameText(der: Uint8Array, name: Tlv): string {
  const rdns: string[] = [];
  for (const rdn of children(der, name)) {
    const attributes: string[] = [];
    for (const attribute of rdn.tag === SET ? children(der, rdn) : []) {
      const [type, value, extra] = attribute.tag === SEQUENCE ? children(der, attribute) : [];
      const short =
        type?.tag === OID ? SHORT_NAMES.get(toHex(der.subarray(type.content, type.end))) : undefined;
      const decoder = value && DECODERS.get(value.tag);
      if (short === undefined || decoder === undefined || extra !== undefined) return peculiarText(der, name);
      attributes.push(`${short}=${escape(decoder.decode(der.subarray(value.content, value.end)))}`);
    }
    if (attributes.length === 0) return peculiarText(der, name);
    rdns.push(attributes.join("+"));
  }
  return rdns.join(", ");
}

function peculiarText(der: Uint8Array, name: Tlv): string {
  return new Name(der.slice(name.start, name.end)).toString();
}

/** @peculiar/x509's escaping, to the letter (its last step replaces only the first control character). */
function escape(value: string): string {
  return value
    .replace(/([,+"\\<>;])/g, "\\$1")
    .replace(/^([ #])/, "\\$1")
    .replace(/([ ]$)/, "\\$1")
    .replace(/([\r\n\t])/, (char) => `\\${toHex(new TextEncoder().encode(char)).toUpperCase()}`);
}
