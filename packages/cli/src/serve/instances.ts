import type { ServiceError, Result } from "@maa-policy/parser";
import type { CompiledPolicy } from "@maa-policy/evaluator";
import type { X509Certificate } from "@maa-policy/tokens";
import type { InstanceRecord, Store } from "./store.js";

/** A policy in force: its upload token, its text compiled once, and the signer of a signed one. */
export interface StoredPolicy {
  readonly token: string;
  readonly text: string;
  readonly policy: CompiledPolicy;
  readonly signer?: object;
}

/**
 * One instance's state. It is never changed in place: an update makes a new one, so an attest
 * that took a state evaluates wholly under the policies of that state.
 */
export interface InstanceState {
  readonly policies: ReadonlyMap<string, StoredPolicy>;
  /** Policy management certificates (Isolated mode): the --signer set until one is added or removed. */
  readonly certificates: readonly X509Certificate[];
  /** Whether certificates were added or removed here, so that they are saved instead of --signer's. */
  readonly certificatesChanged?: boolean;
}

export type Change<T> = Result<
  { readonly state: InstanceState; readonly result: T },
  { readonly error: ServiceError }
>;

/**
 * The instances in memory, backed by the store. Changes to one instance run one at a time, each on
 * the state the previous one left; a change takes effect (and is answered) only after its record
 * is durably written, so every acknowledged write survives a crash.
 */
export class Instances {
  private readonly states = new Map<string, InstanceState>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    /** The --signer certificates: every instance starts with them. */
    private readonly initialCertificates: readonly X509Certificate[],
    private readonly toRecord: (state: InstanceState) => InstanceRecord,
  ) {}

  /** Restores a saved instance (at start). */
  restore(prefix: string, state: InstanceState): void {
    this.states.set(prefix, state);
  }

  get(prefix: string): InstanceState {
    return this.states.get(prefix) ?? { policies: new Map(), certificates: this.initialCertificates };
  }

  update<T>(prefix: string, change: (state: InstanceState) => Promise<Change<T>>): Promise<Change<T>> {
    const run = async (): Promise<Change<T>> => {
      const outcome = await change(this.get(prefix));
      if (!outcome.ok) return outcome;
      await this.store.save(prefix, this.toRecord(outcome.state));
      this.states.set(prefix, outcome.state);
      return outcome;
    };
    const previous = this.queues.get(prefix) ?? Promise.resolve();
    const next = previous.then(run, run);
    // The queue only orders changes; each caller sees its own outcome (or failure).
    this.queues.set(
      prefix,
      next.catch(() => undefined),
    );
    return next;
  }
}
