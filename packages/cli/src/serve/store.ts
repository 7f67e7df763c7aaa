import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeDurably } from "./durable-write.js";

/** What an instance keeps across restarts: one JSON file, replaced whole on every change. */
export interface InstanceRecord {
  /** By attestation type: the policy token exactly as uploaded, and its signer's JWK if signed. */
  readonly policies: Readonly<Record<string, { readonly token: string; readonly signer?: object }>>;
  /** Policy management certificates (standard base64 DER); absent until the first change. */
  readonly certificates?: readonly string[];
}

/** The root instance's file; every other name starts with `%2F` (an encoded `/`), so none collides. */
const ROOT = "root";

/**
 * The instances' files in `DIR/instances`, one per path prefix. Writes are durable and atomic
 * (`writeDurably`), and the caller serializes them per instance (`Instances`).
 */
export class Store {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "instances");
  }

  private file(prefix: string): string {
    return join(this.dir, `${prefix === "" ? ROOT : encodeURIComponent(prefix)}.json`);
  }

  async save(prefix: string, record: InstanceRecord): Promise<void> {
    await writeDurably(this.file(prefix), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Every saved instance; a file that is not a record stops the start with its name. */
  async load(): Promise<Map<string, InstanceRecord>> {
    const records = new Map<string, InstanceRecord>();
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const path = join(this.dir, name);
      const stem = name.slice(0, -".json".length);
      let record: unknown;
      try {
        record = JSON.parse(await readFile(path, "utf8"));
      } catch (error) {
        throw new Error(`${path}: not a saved instance (${(error as Error).message})`);
      }
      if (!isRecord(record)) throw new Error(`${path}: not a saved instance (no "policies" object)`);
      records.set(stem === ROOT ? "" : decodeURIComponent(stem), record);
    }
    return records;
  }
}

function isRecord(value: unknown): value is InstanceRecord {
  if (typeof value !== "object" || value === null) return false;
  const { policies, certificates } = value as Record<string, unknown>;
  const policiesOk =
    typeof policies === "object" &&
    policies !== null &&
    Object.values(policies).every((p) => typeof (p as { token?: unknown } | null)?.token === "string");
  const certificatesOk =
    certificates === undefined ||
    (Array.isArray(certificates) && certificates.every((c) => typeof c === "string"));
  return policiesOk && certificatesOk;
}
