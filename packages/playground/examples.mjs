// The examples menu's files, one policy and its sample claims per attestation type: read by
// build.mjs into the bundle and by the tests, which check each one clean and permitted.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ours = (id) => ({ policy: here(`examples/${id}.policy`), claims: here(`examples/${id}.claims.json`) });

/** The SGX example is the repository's own (`npm run example`). */
export const EXAMPLE_FILES = {
  sgx: {
    policy: here("../../examples/sgx-enclave.policy"),
    claims: here("../../examples/sgx-enclave.claims.json"),
  },
  openenclave: ours("openenclave"),
  tpm: ours("tpm"),
  vbs: ours("vbs"),
  sevsnpvm: ours("sevsnpvm"),
  tdxvm: ours("tdxvm"),
  azureguest: ours("azureguest"),
};

/** Each example's texts, exactly as in the files. */
export function readExamples() {
  return Object.fromEntries(
    Object.entries(EXAMPLE_FILES).map(([id, files]) => [
      id,
      { policy: readFileSync(files.policy, "utf8"), claims: readFileSync(files.claims, "utf8") },
    ]),
  );
}
