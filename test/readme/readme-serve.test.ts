// The README's `policy-eval serve` lines, run as written (the port and data directory swapped for
// free ones): the built CLI serves, and the README's attest.mjs, run by node, prints the claims.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { spawnServe } from "../../packages/cli/test/serve/child.js";
import { describeShared } from "../conformance/shared.js";

const root = join(import.meta.dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## A local attestation provider: `policy-eval serve`"));
const shell = /```sh\n(.*?)\n```/s.exec(section)![1];
const script = /```js\n(.*?)\n```/s.exec(section)![1];

describeShared("the README's policy-eval serve example", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "policy-eval-readme-serve-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts the server and attests with the official client", async () => {
    expect(shell).toMatch(/^npx policy-eval serve --port 8443 --data-dir \.maa-serve /);
    const server = await spawnServe(dataDir, ["--quiet"]);
    try {
      const port = new URL(server.endpoint).port;
      const file = join(root, `readme-serve-${process.pid}.mjs`);
      writeFileSync(file, script.replaceAll("8443", port).replaceAll(".maa-serve", dataDir));
      try {
        const run = spawnSync(process.execPath, [file], { cwd: root, encoding: "utf8" });
        expect([run.status, run.stderr]).toEqual([0, ""]);
        expect(run.stdout).toContain(
          "'sgx-mrsigner': '2c1a44952ae8207135c6c29b75b8c029372ee94b677e15c20bd42340f10d41aa'",
        );
      } finally {
        rmSync(file);
      }
    } finally {
      server.process.kill("SIGTERM");
      await server.exited;
    }
  });
});
