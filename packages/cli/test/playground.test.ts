import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "./run-cli.js";

const SITE = fileURLToPath(new URL("../../playground/dist/site/", import.meta.url));

/** `policy-eval playground` as a user starts it; resolves with its URL once it listens. */
function start(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, "playground", "--port", "0", ...args], { env });
  running.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) resolve({ child, url, out: () => out });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}
const running: ChildProcess[] = [];
afterEach(() => running.splice(0).forEach((child) => child.kill()));

/** A request with its path exactly as written (URL objects would resolve `..` first). */
function fetchRaw(
  url: string,
  method = "GET",
  path = "/",
): Promise<{ status: number; type: string | undefined; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve({ status: response.statusCode!, type: response.headers["content-type"], body }),
      );
    })
      .on("error", reject)
      .end();
  });
}

describe.runIf(existsSync(`${SITE}index.html`))("policy-eval playground", () => {
  it("serves the built site's files on 127.0.0.1, and nothing else", async () => {
    const { url } = await start([]);
    const page = await fetchRaw(url);
    expect([page.status, page.type, page.body]).toEqual([
      200,
      "text/html; charset=utf-8",
      readFileSync(`${SITE}index.html`, "utf8"),
    ]);
    const script = await fetchRaw(url, "GET", "/playground.js");
    expect([script.status, script.type]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect(script.body.length).toBe(readFileSync(`${SITE}playground.js`, "utf8").length);
    const outside = ["/../package.json", "/%2e%2e/%2e%2e/package.json", "/..%2f..%2fpackage.json"];
    for (const path of [...outside, "/missing.js", "/%00", "/%E0%A4%A"])
      expect([path, (await fetchRaw(url, "GET", path)).status]).toEqual([path, 404]);
    expect((await fetchRaw(url, "POST")).status).toBe(405);
    expect((await fetchRaw(url, "HEAD")).status).toBe(200);
  });

  it("--open on a machine without a desktop prints the URL and keeps serving", async () => {
    const { url, out } = await start(["--open"], { ...process.env, PATH: "/nonexistent" });
    await expect.poll(out).toContain(`No browser could be opened here: open ${url} yourself.`);
    expect((await fetchRaw(url)).status).toBe(200);
  });

  it("stops cleanly on SIGTERM", async () => {
    const { child } = await start([]);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

it("a bad port is a usage error", async () => {
  const result = await runCli(["playground", "--port", "http"]);
  expect([result.code, result.stderr]).toEqual([
    2,
    "policy-eval: error: option '-p, --port <port>' argument 'http' is invalid. a port is 0 to 65535\n",
  ]);
});
