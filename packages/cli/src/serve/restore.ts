import { UsageError } from "../io.js";
import { certificatesFromX5c, type X509Certificate } from "@maa-policy/tokens";
import { Instances, type InstanceState, type StoredPolicy } from "./instances.js";
import { readPolicy } from "./policy-in-force.js";
import { Store, type InstanceRecord } from "./store.js";

/** What an instance's file holds: the policy tokens as uploaded and the certificates. */
function toRecord(state: InstanceState): InstanceRecord {
  const policies = Object.fromEntries(
    [...state.policies].map(([type, { token, signer }]) => [type, signer ? { token, signer } : { token }]),
  );
  if (!state.certificatesChanged) return { policies };
  return { policies, certificates: state.certificates.map((c) => Buffer.from(c.rawData).toString("base64")) };
}

/**
 * The instances saved in the data directory, each policy parsed and compiled again. A saved file
 * that no longer reads is an error naming it (the start stops), never a silently lost policy.
 */
export async function restoreInstances(
  dataDir: string,
  signers: readonly X509Certificate[],
): Promise<Instances> {
  const store = new Store(dataDir);
  const instances = new Instances(store, signers, toRecord);
  for (const [prefix, record] of await store.load()) {
    const fail = (message: string) =>
      new UsageError(`instance '${prefix || "/"}': ${message}`, store.file(prefix));
    const policies = new Map<string, StoredPolicy>();
    for (const [type, { token, signer }] of Object.entries(record.policies)) {
      const read = await readPolicy(token, signer);
      if (!read.ok) throw fail(`the saved ${type} policy does not load: ${read.error.message}`);
      policies.set(type, read.stored);
    }
    if (!record.certificates) {
      instances.restore(prefix, { policies, certificates: signers });
      continue;
    }
    // Each signer is a certificate of its own, not a link of one chain: read one by one, so that
    // neither the chain-length bound nor an empty list (every signer removed) refuses a saved state.
    const certificates: X509Certificate[] = [];
    for (const saved of record.certificates) {
      const read = certificatesFromX5c([saved], "saved");
      if (!read.ok) throw fail(read.error.message);
      certificates.push(...read.value);
    }
    instances.restore(prefix, { policies, certificates, certificatesChanged: true });
  }
  return instances;
}
