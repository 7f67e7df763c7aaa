import type { Claim } from "@maa-policy/parser";
import type { Budget } from "./budget.js";
import { Tuning } from "./tuning.js";

const NONE: readonly Claim[] = Object.freeze([]);

/**
 * What becomes of the claims an evaluation adds: they join the set at once (`read`: a condition
 * may match them), or, when no condition can (`PolicyFacts.producedUnread`), they are kept apart
 * and join it at the end (`apart`, for a result with a trace), or are not kept at all (`dropped`).
 */
export type Produced = "read" | "apart" | "dropped";

/**
 * The incoming claim set of one evaluation (spec §2.1): the caller's array until the first claim
 * joins it (then a copy, so the input is never changed), with an index by type built on demand and
 * kept up to date as claims join. Every list keeps the set's order, so what a condition matches,
 * and its trace, do not depend on whether the index exists.
 */
export class ClaimSet {
  private list: readonly Claim[];
  private owned = false;
  private unread: Claim[] | undefined;
  private byType: Map<string, Claim[]> | undefined;
  private indexed = 0;
  private scanned = 0;

  constructor(
    input: readonly Claim[],
    private readonly produced: Produced,
  ) {
    this.list = input;
  }

  /** The whole set, in the order claims joined it (not kept whole when produced claims are `dropped`). */
  get claims(): readonly Claim[] {
    const unread = this.unread;
    if (unread !== undefined) {
      this.list = this.list.concat(unread);
      this.owned = true;
      this.unread = undefined;
    }
    return this.list;
  }

  add(claim: Claim): void {
    if (this.produced !== "read") {
      if (this.produced === "apart") (this.unread ??= []).push(claim);
      return;
    }
    if (!this.owned) {
      this.list = this.list.slice();
      this.owned = true;
    }
    (this.list as Claim[]).push(claim);
  }

  /** The claims a condition must test: every claim, or only those of `type` when the condition requires it. */
  candidates(type: string | undefined, budget: Budget): readonly Claim[] {
    const list = this.list;
    if (type === undefined || list.length === 0) return list;
    let index = this.byType;
    if (index === undefined) {
      this.scanned += list.length;
      if (this.scanned <= Tuning.scansBeforeIndex * list.length) return list;
      index = this.byType = new Map();
    }
    // Indexing is work on the evaluation's budget like scanning: its deadline still holds.
    for (let i = this.indexed; i < list.length; i++) {
      budget.tick();
      const claim = list[i];
      const same = index.get(claim.type);
      if (same) same.push(claim);
      else index.set(claim.type, [claim]);
    }
    this.indexed = list.length;
    return index.get(type) ?? NONE;
  }
}
