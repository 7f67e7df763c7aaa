import fc from "fast-check";
import { LineIndex } from "@maa-policy/parser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fuzzRuns } from "../../../test/fuzz/config.js";
import { PUNCTUATION } from "../../../test/support/policy-arbitrary.js";
import { inProcess, type Client } from "./harness.js";

const SEED = `version=1.2;
configurationrules { => issueproperty(type="omit_x5c", value=true); };
authorizationrules {
    c:[type=="x-ms-sgx-mrsigner", issuer=="AttestationService"] && ![type=="$is-debuggable", value==true] => permit();
};
issuancerules {
    c:[type=="events"] => issue(type="e", value=JmesPath(c.value, "Events[0]"));
    // comment
    /* block */ => add(type="x", value=AppendString("a", "b"));
};
`;

/** Pieces a user types or pastes: grammar fragments, half-typed rules and garbage. */
const piece = fc.oneof(
  fc.constantFrom(...PUNCTUATION, '"', "\u201c", "\n", " ", "//", "/*", "*/"),
  fc.constantFrom(
    "permit()",
    "issue(type=",
    "c:[type==",
    "value",
    "JmesPath(",
    "authorizationrules {",
    "version=",
    "1.2",
    "\uD83D\uDE00",
    "\r\n",
  ),
  fc.string({ maxLength: 12 }),
);

const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 15 }), text: piece });

let client: Client;
beforeAll(async () => {
  client = inProcess();
  await client.initialize();
});
afterAll(async () => client.shutdown());

/** Every request must answer (not time out, not fail). */
async function answers(method: string, params: unknown): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${method} did not answer`)), 5_000);
  });
  try {
    await Promise.race([client.request(method, params), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let documents = 0;

test("random edit sequences over the protocol: every request is answered", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 20 }), fc.nat(), async (edits, seed) => {
      const uri = `file:///random/${documents++}.policy`;
      let text = SEED;
      await client.open(uri, text);
      for (const { at, length, text: inserted } of edits) {
        const lines = new LineIndex(text);
        const start = lines.positionAt(at % (text.length + 1));
        const end = lines.positionAt(Math.min(text.length, start.offset + length));
        await client.change(uri, inserted, { start, end });
        text = text.slice(0, start.offset) + inserted + text.slice(end.offset);
        const next = new LineIndex(text).positionAt((at + seed) % (text.length + 1));
        const position = { line: next.line, character: next.character };
        const textDocument = { uri };
        await Promise.all([
          answers("textDocument/completion", { textDocument, position }),
          answers("textDocument/hover", { textDocument, position }),
          answers("textDocument/signatureHelp", { textDocument, position }),
          answers("textDocument/documentHighlight", { textDocument, position }),
          answers("textDocument/semanticTokens/full", { textDocument }),
          answers("textDocument/documentSymbol", { textDocument }),
          answers("textDocument/foldingRange", { textDocument }),
          answers("textDocument/selectionRange", { textDocument, positions: [position] }),
          answers("textDocument/codeAction", {
            textDocument,
            range: { start: position, end: position },
            context: { diagnostics: [] },
          }),
          answers("textDocument/formatting", { textDocument, options: { tabSize: 4, insertSpaces: true } }),
        ]);
      }
      // The last version's diagnostics are published, whatever the text.
      expect(Array.isArray(await client.diagnostics(uri))).toBe(true);
      await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    }),
    fuzzRuns(30),
  );
});
