import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closest, closestAll, editDistance } from "../src/suggest.js";
import { KEYWORDS } from "../src/language.js";

describe("suggestions", () => {
  it.each([
    ["valeu", "value"],
    ["issuancerule", "issuancerules"],
    ["Type", "type"],
    ["xyzzy", undefined],
  ])("'%s' reads as %s", (word, expected) => {
    expect(closest(word, ["type", "value", "issuer", "issuancerules", "authorizationrules"])).toBe(expected);
  });

  // Skipping candidates whose length alone cannot beat the best so far must not change the answer.
  it("closest is the first candidate at the least edit distance, when close enough", () => {
    const word = fc.stringMatching(/^[a-eA-E_-]{0,12}$/);
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (typed, candidates) => {
        const distances = candidates.map((c) => editDistance(typed.toLowerCase(), c.toLowerCase()));
        const least = Math.min(...distances);
        const best = candidates[distances.indexOf(least)];
        const expected =
          best !== undefined && least <= Math.max(1, Math.floor(best.length / 4)) ? best : undefined;
        expect(closest(typed, candidates)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("closestAll lists every candidate as close as the closest", () => {
    expect(closestAll("c3", ["c1", "c2", "x"])).toEqual(["c1", "c2"]);
    expect(closestAll("versio", [...KEYWORDS])).toEqual(["version"]);
  });
});
