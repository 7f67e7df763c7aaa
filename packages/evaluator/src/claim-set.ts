import type { Claim } from "@maa-policy/parser";
import type { Budget } from "./budget.js";
import { NONE } from "./scan-claims.js";

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
  // Fields are assigned, not declared with initialisers (see `add`).
  declare private list: readonly Claim[];
  declare private owned: boolean;
  declare private unread: Claim[] | undefined;
  declare private byType: Map<string, Claim[]> | undefined;
  declare private indexed: number;
  declare private readonly produced: Produced;

  /** `indexed`: conditions read the claims of their type from an index (`Tuning.scansBeforeIndex`). */
  constructor(input: readonly Claim[], produced: Produced, indexed: boolean) {
    this.list = input;
    this.owned = false;
    this.unread = undefined;
    this.byType = indexed ? new Map() : undefined;
    this.indexed = 0;
    this.produced = produced;
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

  // The methods scans and actions call are kept small, their rare paths in methods of their own:
  // V8 inlines callees into an optimised function only up to a total size, and the engine's hot
  // path (a rule's scans and actions inlined into the evaluation) is larger than that otherwise.

  add(claim: Claim): void {
    const produced = this.produced;
    if (produced === "read") this.join(claim);
    else if (produced === "apart") this.keepApart(claim);
  }

  private keepApart(claim: Claim): void {
    (this.unread ??= []).push(claim);
  }

  /** The claim joins the list, a copy of the caller's array from the first claim on. */
  private join(claim: Claim): void {
    if (!this.owned) {
      this.list = this.list.slice();
      this.owned = true;
    }
    (this.list as Claim[]).push(claim);
  }

  /** The claims a condition must test: every claim, or only those of `type` when the condition requires it. */
  candidates(type: string | undefined, budget: Budget): readonly Claim[] {
    return type === undefined || this.byType === undefined
      ? this.list
      : this.ofType(type, this.byType, budget);
  }

  /** The claims of `type`, from the index, brought up to date with the claims that joined since. */
  private ofType(type: string, index: Map<string, Claim[]>, budget: Budget): readonly Claim[] {
    if (this.indexed < this.list.length) this.catchUp(index, budget);
    return index.get(type) ?? NONE;
  }

  private catchUp(index: Map<string, Claim[]>, budget: Budget): void {
    const list = this.list;
    // Indexing is work on the evaluation's budget like scanning: its deadline still holds.
    for (let i = this.indexed; i < list.length; i++) {
      budget.tick();
      const claim = list[i];
      const same = index.get(claim.type);
      if (same) same.push(claim);
      else index.set(claim.type, [claim]);
    }
    this.indexed = list.length;
  }
}
