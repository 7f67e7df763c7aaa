// Vitest global setup: every test run gets its own temp directory (TMPDIR, which os.tmpdir()
// and child processes read), and the run fails if a test left anything in it. Tests clean up
// with tempDir() (temp-dir.ts); a leak names itself here rather than piling up in /tmp.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "maa-policy-tests-"));
  for (const name of ["TMPDIR", "TMP", "TEMP"]) process.env[name] = root;
  return () => {
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (left.length === 0) return;
    // Vitest reports an error thrown here but still exits 0; the exit code is what CI reads.
    console.error(`FAIL: tests left ${left.length} entries in the temp directory: ${left.sort().join(", ")}`);
    process.exitCode = 1;
  };
}
