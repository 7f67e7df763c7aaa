import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicy, parseClaims } from "@maa-policy/evaluator";
import { analyzePolicy, formatPolicy } from "@maa-policy/parser";
import {
  base64UrlEncode,
  createPolicyToken,
  decomposeJws,
  loadSigningKey,
  verifyJws,
} from "@maa-policy/tokens";
import { identity, type TestIdentity } from "../../packages/tokens/test/pki.js";
import { LONG, runOptions, SEED } from "./config.js";
import { claimsOf, loadCorpus, textOf, type CorpusEntry } from "./corpus.js";
import {
  applyTokenEdit,
  checkClaimsText,
  checkForgedToken,
  checkPolicyText,
  claimSet,
  claimsText,
  hostilePolicy,
  tokenEdit,
} from "./targets.js";

// Seeded, time-bounded fuzzing of every input the toolchain takes from a user. A failure prints the
// seed and the shrunk input: `FUZZ_SEED=<seed> npm run fuzz` replays the run.
if (LONG) console.log(`fuzzing from seed ${SEED}`);

let signer: TestIdentity;
let token: string;
beforeAll(async () => {
  signer = await identity({ name: "CN=fuzz signer", ca: true });
  const key = await loadSigningKey(signer.keyPem, signer.certPem);
  if (!key.ok) throw new Error(key.error.message);
  const created = await createPolicyToken("version=1.0; authorizationrules { => permit(); };", key.value);
  if (!created.ok) throw new Error(created.error.message);
  token = created.value;
});

describe("fuzz harnesses", () => {
  it("policy text: analysis, formatting and evaluation are total and bounded", async () => {
    await fc.assert(fc.asyncProperty(hostilePolicy, claimSet, checkPolicyText), runOptions());
  });

  it("claims input: parsed or refused with a value", () => {
    fc.assert(fc.property(claimsText, checkClaimsText), runOptions());
  });

  it("forged tokens: an edit of a signed token never verifies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tokenEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const forged = edits.reduce(applyTokenEdit, token);
        await checkForgedToken(forged, token);
      }),
      runOptions(),
    );
  });
});

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The header members signed over with the fuzz signer's key, the payload of the signed token kept. */
async function signedWith(header: Record<string, unknown>): Promise<string> {
  const parts = decomposeJws(token);
  if (!parts.ok) throw new Error(parts.error.message);
  // A member written as a recipe ({repeat, times}) is that many copies of `repeat`.
  const expanded = Object.fromEntries(
    Object.entries(header).map(([name, value]) => {
      const recipe = value as { repeat?: unknown; times?: number } | null;
      const isRecipe = typeof recipe === "object" && recipe !== null && "repeat" in recipe;
      return [name, isRecipe ? new Array(recipe.times).fill(recipe.repeat) : value];
    }),
  );
  const input = `${base64UrlEncode(JSON.stringify({ ...parts.value.header, ...expanded }))}.${token.split(".")[1]}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    signer.keys.privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64UrlEncode(new Uint8Array(signature))}`;
}

async function replay(entry: CorpusEntry): Promise<string | number | undefined> {
  switch (entry.target) {
    case "policy": {
      const text = textOf(entry.text);
      if (entry.error === "formats") return formatPolicy(text).ok ? "formats" : "does not format";
      // Every property on what is small enough to check many times over (it formats twice).
      if (text.length <= 1 << 20) await checkPolicyText(text);
      const analysis = analyzePolicy(text);
      if (entry.diagnostics !== undefined) return analysis.diagnostics.length;
      return analysis.diagnostics[0]?.message;
    }
    case "evaluate": {
      const loaded = await loadPolicy(textOf(entry.text));
      if (!loaded.ok) return loaded.diagnostics[0]?.message;
      return loaded.policy.evaluate(claimsOf(entry), { trace: false }).error?.message;
    }
    case "claims": {
      const text = textOf(entry.text);
      checkClaimsText(text);
      const parsed = parseClaims(text);
      return parsed.ok ? undefined : parsed.error.message;
    }
    case "token": {
      // The last character of the signature with an unused bit set: the same bytes, spelt otherwise.
      const last = ALPHABET.indexOf(token.at(-1)!);
      const respelt = ALPHABET[last | 1];
      const forged = entry.header
        ? await signedWith(entry.header)
        : entry.edit === "respell-last"
          ? token.slice(0, -1) + respelt
          : textOf(entry.text);
      await checkForgedToken(forged, token);
      const parts = decomposeJws(forged);
      // The character differs from one signing key to the next; the corpus writes it <c>.
      if (!parts.ok) return parts.error.message.replace(`'${respelt}'`, "'<c>'");
      const verified = await verifyJws(parts.value);
      return verified.ok ? "verified" : verified.error.message;
    }
  }
}

describe("regression corpus (test/fuzz/corpus): every reproducer of the fuzzing campaign", () => {
  const entries = loadCorpus().filter((entry) => LONG || !entry.long);
  it.each(entries.map((entry) => [entry.name, entry] as const))("%s", async (_name, entry) => {
    const outcome = await replay(entry);
    expect(outcome).toBe(entry.diagnostics ?? entry.error);
  });
});
