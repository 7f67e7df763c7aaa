import { join } from "node:path";
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
    const where = `${join(dataDir, "instances")} (instance '${prefix || "/"}')`;
    const policies = new Map<string, StoredPolicy>();
    for (const [type, { token, signer }] of Object.entries(record.policies)) {
      const read = await readPolicy(token, signer);
      if (!read.ok)
        throw new Error(`${where}: the saved ${type} policy does not load: ${read.error.message}`);
      policies.set(type, read.stored);
    }
    if (!record.certificates) {
      instances.restore(prefix, { policies, certificates: signers });
      continue;
    }
    // An empty list is a valid state (every signer removed), which certificatesFromX5c refuses.
    const read =
      record.certificates.length === 0 ? undefined : certificatesFromX5c(record.certificates, "saved");
    if (read && !read.ok) throw new Error(`${where}: ${read.error.message}`);
    instances.restore(prefix, { policies, certificates: read?.value ?? [], certificatesChanged: true });
  }
  return instances;
}
