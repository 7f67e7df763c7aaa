import type { Claim } from "@maa-policy/parser";
import type { Budget } from "./budget.js";
import { Tuning } from "./tuning.js";

const NONE: readonly Claim[] = Object.freeze([]);
/** The largest array `new Array(n)` makes with fast elements in V8, with a margin. */
const FAST_ARRAY_MAX = 8192;

/**
 * The incoming claim set of one evaluation (spec §2.1): the caller's array until the first claim
 * is added (then a copy, so the input is never changed), with an index by type built on demand and
 * kept up to date as claims are added. Every list keeps the set's order, so what a condition
 * matches, and its trace, do not depend on whether the index exists.
 *
 * When no condition of the policy can match a claim it produces (`PolicyFacts.producedUnread`),
 * produced claims are kept apart and join the set only when it is read whole, at the end.
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
    private readonly producedUnread: boolean,
  ) {
    this.list = input;
  }

  /** The whole set, in the order claims joined it. */
  get claims(): readonly Claim[] {
    const { list, unread } = this;
    if (unread === undefined) return list;
    const length = list.length + unread.length;
    // One array made at its final size: concat cost a third of an evaluation of the example, a
    // copy grown by push a tenth. Past some 16,000 elements V8 makes such an array a slow dictionary.
    let all: Claim[];
    if (length > FAST_ARRAY_MAX) all = list.slice();
    else {
      all = new Array<Claim>(length);
      for (let i = 0; i < list.length; i++) all[i] = list[i];
    }
    for (let i = 0; i < unread.length; i++) all[list.length + i] = unread[i];
    return all;
  }

  add(claim: Claim): void {
    if (this.producedUnread) {
      (this.unread ??= []).push(claim);
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
