import { pki } from "../../../evidence/test/support/pki.js";
import { boundReportData, buildQuote } from "../../../evidence/test/support/quote-builder.js";

/** Quotes signed by a test PKI (generated per run) and the root key a provider must trust for them. */
export const testPki = await pki();
export const ROOT_PUBLIC_KEY = Array.from(testPki.rootPublicKey, (b) => b.toString(16).padStart(2, "0")).join(
  "",
);
export const RUNTIME = new TextEncoder().encode('{"jwk":{"kty":"EC","crv":"P-256"}}');

export async function quote(options: { debug?: boolean; svn?: number; openEnclave?: boolean } = {}) {
  const built = await buildQuote({
    pki: testPki,
    debug: options.debug ?? false,
    productId: 7,
    svn: options.svn ?? 3,
    reportData: boundReportData(RUNTIME),
    openEnclave: options.openEnclave,
  });
  return built.bytes;
}
