import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../run-cli.js";
import { spawnServe } from "./child.js";
import { raw } from "./fixture.js";

const root = mkdtempSync(join(tmpdir(), "policy-eval-serve-command-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("policy-eval serve, as a user runs it", () => {
  it("prints where it listens and the CA to trust, logs each call, stops cleanly on SIGTERM", async () => {
    const dataDir = join(root, "first");
    const server = await spawnServe(dataDir);
    const port = new URL(server.endpoint).port;
    expect(server.banner).toEqual([
      `data directory: ${dataDir}`,
      `listening on https://localhost:${port}`,
      `clients must trust the CA certificate ${join(dataDir, "tls", "ca.pem")}`,
      "mode aad: unsigned and signed policies are taken",
      "no --role given: any caller may do anything",
    ]);
    expect((await raw(server, "GET", "/certs")).status).toBe(200);
    expect((await raw(server, "GET", "/nothing")).status).toBe(404);
    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stderr().replace(/ \d+\.\dms /g, " <ms> ")).toBe(
      "GET /certs 200 <ms> -\nGET /nothing 404 <ms> NotFound\npolicy-eval serve: stopped (SIGTERM)\n",
    );
  });

  it("keeps its CA and token key across restarts", async () => {
    const dataDir = join(root, "again");
    const first = await spawnServe(dataDir, ["--quiet"]);
    const keys = (await raw(first, "GET", "/certs")).body;
    first.process.kill("SIGINT");
    expect(await first.exited).toBe(0);
    const second = await spawnServe(dataDir, ["--quiet"]);
    expect([second.ca, (await raw(second, "GET", "/certs")).body]).toEqual([first.ca, keys]);
    second.process.kill("SIGTERM");
    expect([await second.exited, second.stderr()]).toEqual([0, "policy-eval serve: stopped (SIGTERM)\n"]);
  });

  it.each([
    [["--mode", "isolated"], "--mode isolated needs at least one --signer certificate"],
    [["--role", "abc"], "--role abc: expected TOKEN=reader|contributor|none"],
    [["--role", "t=admin"], "--role t=admin: expected TOKEN=reader|contributor|none"],
    [["--tls-cert", "cert.pem"], "--tls-cert and --tls-key go together"],
    [["--port", "70000"], "--port 70000: expected 0 to 65535"],
    [["--signer", "missing.pem", "--mode", "isolated"], "missing.pem: no such file"],
  ])("serve %j: exit 2 with a one-line reason", async (args, message) => {
    const result = await runCli(["serve", "--data-dir", join(root, "usage"), ...args]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `policy-eval: ${message}\n` });
  });

  it("a saved instance that no longer reads stops the start with its name, not a stack trace", async () => {
    const dataDir = join(root, "corrupt");
    mkdirSync(join(dataDir, "instances"), { recursive: true });
    writeFileSync(join(dataDir, "instances", "root.json"), '{"policies": {"SgxEnclave": {"token": "x"}}}');
    const result = await runCli(["serve", "--data-dir", dataDir, "--port", "0"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `policy-eval: ${join(dataDir, "instances")} (instance '/'): the saved SgxEnclave policy does not load: Malformed JWT: Could not find first period in the token.\n`,
    });
    expect(readFileSync(join(dataDir, "instances", "root.json"), "utf8")).toContain('"x"');
  });
});
