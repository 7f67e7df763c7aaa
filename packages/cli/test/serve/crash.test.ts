import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUnsignedPolicyToken, decodePolicyToken } from "@maa-policy/tokens";
import { afterAll, expect, it } from "vitest";
import { spawnServe } from "./child.js";
import { claimsOf, raw } from "./fixture.js";

// kill -9 while policies are being written, restart on the same data directory: every write that
// was answered 200 is there, and no instance holds half a policy (the restart would refuse it).
const dataDir = mkdtempSync(join(tmpdir(), "policy-eval-serve-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const WRITERS = 6;
const CRASHES = 2;
const policy = (value: number) =>
  `version=1.0; authorizationrules{=> permit();}; issuancerules{=> issue(type="v", value=${value});};`;
/** The SgxEnclave policy token in an instance's file. */
function saved(prefix: string): string {
  const file = join(dataDir, "instances", `${encodeURIComponent(prefix)}.json`);
  const record = JSON.parse(readFileSync(file, "utf8")) as { policies: Record<string, { token: string }> };
  return record.policies.SgxEnclave.token;
}

/** The value a stored policy token's policy issues. */
function valueOf(token: string): number {
  const decoded = decodePolicyToken(token);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return Number(/value=(\d+)\)/.exec(decoded.value.policy ?? "")?.[1]);
}

it(`${CRASHES} kill -9s during policy writes lose no acknowledged write`, async () => {
  // Per instance: the last value answered 200, and the value being written when the process died.
  const acknowledged = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let next = 1;
  for (let crash = 0; crash < CRASHES; crash++) {
    const server = await spawnServe(dataDir, ["--quiet"]);
    let stopped = false;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const prefix = `/writer${w}`;
      while (!stopped) {
        const value = next++;
        inFlight.set(prefix, value);
        const token = createUnsignedPolicyToken(policy(value));
        const path = `${prefix}/policies/SgxEnclave?api-version=2020-10-01`;
        const answer = await raw(server, "PUT", path, token, { "content-type": "text/plain" }).catch(
          () => undefined,
        );
        if (answer === undefined) return; // the connection died with the process
        expect(answer.status).toBe(200);
        acknowledged.set(prefix, value);
        // Answered means written: the instance's file holds this policy already (docs/serve.md).
        expect(saved(prefix)).toBe(token);
      }
    });
    // Let some writes complete, then kill in the middle of the next ones (a writer that fails ends it).
    const enough = async () => {
      while (acknowledged.size < WRITERS || next < (crash + 1) * 60)
        await new Promise((r) => setTimeout(r, 5));
    };
    try {
      await Promise.race([enough(), Promise.all(writers)]);
    } finally {
      server.process.kill("SIGKILL");
      stopped = true;
    }
    await Promise.all(writers);
    expect(await server.exited).toBe("SIGKILL");
  }
  const restarted = await spawnServe(dataDir, ["--quiet"]);
  try {
    for (const [prefix, value] of acknowledged) {
      const answer = await raw(restarted, "GET", `${prefix}/policies/SgxEnclave?api-version=2020-10-01`);
      const stored = valueOf(
        claimsOf((JSON.parse(answer.body) as { token: string }).token)["x-ms-policy"] as string,
      );
      // The write cut by the kill may have landed or not; nothing older than the last answered one.
      expect([value, inFlight.get(prefix)]).toContain(stored);
    }
  } finally {
    restarted.process.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
  }
});
