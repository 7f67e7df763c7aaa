/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), since
 * `valeu` for `value` is a typo, not two.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate, if it is close enough to be a typo rather than another word. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a candidate that cannot beat the best so
    // far needs no table (the syntax hints ask this of every keyword for each error).
    const other = candidate.toLowerCase();
    if (Math.abs(other.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor((best?.length ?? 0) / 4));
  return bestDistance <= allowed ? best : undefined;
}

/** "a String", "an Integer". */
export function withArticle(word: string): string {
  return /^[AEIOU]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * Every candidate as close as the closest, when close enough to be a typo: a fix is applied only
 * when there is one (`c3` with `c1` and `c2` bound has two).
 */
export function closestAll(word: string, candidates: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const candidate of new Set(candidates)) {
    // The distance is at least the difference in length: most candidates need no table.
    if (Math.abs(candidate.length - word.length) > Math.max(1, Math.floor(candidate.length / 4))) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [[candidate], distance];
    else if (distance === bestDistance) best.push(candidate);
  }
  const allowed = Math.max(1, Math.floor((best[0]?.length ?? 0) / 4));
  return bestDistance <= allowed ? best : [];
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
export function orList(words: readonly string[]): string {
  const quoted = words.map((w) => `'${w}'`);
  return quoted.length < 2
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}
