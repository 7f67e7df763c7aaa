import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, MAX_STATE_BYTES } from "../src/page/share.js";

describe("share links", () => {
  it("any policy, claims and type come back from their fragment", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme" }),
        fc.string(),
        fc.string(),
        async (policy, claims, type) => {
          const fragment = await encodeState({ policy, claims, type });
          expect(fragment).toMatch(/^#s1=[\w-]*$/);
          expect(await decodeState(fragment)).toEqual({ policy, claims, type });
        },
      ),
      { numRuns: 50 },
    );
  });

  it("compresses: a 10 kB policy makes a link of a fraction of it", async () => {
    const policy = 'version=1.0; authorizationrules { [type=="x", value==1] => permit(); };\n'.repeat(140);
    expect((await encodeState({ policy, claims: "{}", type: "sgx" })).length).toBeLessThan(
      policy.length / 10,
    );
  });

  it.each([
    ["", undefined],
    ["#", undefined],
    ["#other=1", { error: "The link's fragment is not a playground state." }],
    ["#s1=***", { error: "The link is damaged: its state is not base64url." }],
    ["#s1=AAAA", { error: "The link is damaged: its state does not decompress." }],
  ])("fragment %j: %j", async (hash, expected) => {
    expect(await decodeState(hash)).toEqual(expected);
  });

  it("a state that is valid JSON but not ours, and one that inflates past the limit, are refused", async () => {
    const deflate = async (text: string) => {
      const compressed = new Uint8Array(
        await new Response(
          new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw")),
        ).arrayBuffer(),
      );
      return `#s1=${Buffer.from(compressed).toString("base64url")}`;
    };
    expect(await decodeState(await deflate('["a", 1, "b"]'))).toEqual({
      error: "The link is damaged: its state is not a policy, claims and type.",
    });
    expect(await decodeState(await deflate(" ".repeat(MAX_STATE_BYTES + 1)))).toEqual({
      error: "The link's state is larger than 4 MB.",
    });
  });
});
