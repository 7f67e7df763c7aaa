import { spawn, spawnSync, execFileSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/atomic-write.js";
import { MAX_INPUT_BYTES } from "@maa-policy/parser";
import { BIN, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "policy-eval-io-"));
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts) spawnSync("umount", [mount]);
  rmSync(dir, { recursive: true, force: true });
});

const MESSY = "version=1.0; authorizationrules { => permit(); };";
const FORMATTED = "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n";

/**
 * A real file system that fails writes: a tmpfs of 64 kB (full after one large file), or mounted
 * read-only. Mounting needs root; elsewhere the caller falls back or the case is skipped, loudly.
 */
function tinyFileSystem(name: string, options: string): string | undefined {
  const mount = join(dir, name);
  mkdirSync(mount);
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", mount], { stdio: "ignore" });
  if (result.status !== 0) {
    console.warn(`cannot mount a tmpfs (${options}) without root: that failure path is not exercised`);
    return undefined;
  }
  mounts.push(mount);
  return mount;
}

function spawnWith(argv: readonly string[], stdin: number) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    stdio: [stdin, "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("reads are bounded while reading", () => {
  it.each([
    ["check, from standard input", ["check", "-"], "<stdin>"],
    ["claims, from a device", ["claims", "/dev/zero"], "/dev/zero"],
    ["eval's claims, from a device", ["eval", "x.policy", "--claims", "/dev/zero"], "/dev/zero"],
    ["token decode, from a device", ["token", "decode", "/dev/zero"], "/dev/zero"],
  ])("%s: an endless input stops at the limit with one line, exit 2", (_name, argv, shown) => {
    writeFileSync(join(dir, "x.policy"), MESSY);
    const zero = openSync("/dev/zero", "r");
    try {
      const result = spawnWith(
        argv.map((a) => (a === "x.policy" ? join(dir, a) : a)),
        zero,
      );
      expect(result.stderr).toBe(`${shown}: error: larger than ${MAX_INPUT_BYTES} bytes; not read\n`);
      expect(result.code).toBe(2);
    } finally {
      closeSync(zero);
    }
  });
});

describe("output that cannot be written ends with one line and exit 2", () => {
  const policy = join(dir, "broken.policy");
  writeFileSync(policy, "version=1.0; authorizationrules { => permit() };");

  it.each([
    ["fmt", ["fmt", join(dir, "x.policy")]],
    ["check --format json", ["check", "--format", "json", policy]],
    ["check --format sarif", ["check", "--format", "sarif", policy]],
    ["eval", ["eval", join(dir, "x.policy"), "--claims", "-"]],
  ])("%s into a pipe its reader has closed (as `| head -1` does)", async (_name, argv) => {
    writeFileSync(join(dir, "x.policy"), MESSY);
    const child = spawn(process.execPath, [BIN, ...argv], { stdio: ["pipe", "pipe", "pipe"] });
    // Closed before the child can write: its first write meets EPIPE, whatever its size.
    child.stdout.destroy();
    child.stdin.end("{}");
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: "policy-eval: error: cannot write to standard output: the reader closed the pipe (EPIPE)\n",
    });
  });
});

describe("atomic writes", () => {
  it("writes into a pipe or a device as it is, never replacing it with a file", async () => {
    const sub = mkdtempSync(join(dir, "special-"));
    const fifo = join(sub, "fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = new Promise<string>((resolve) => {
      const cat = spawn("cat", [fifo]);
      let out = "";
      cat.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      cat.on("close", () => resolve(out));
    });
    await writeFileAtomic(fifo, "through the pipe\n");
    expect(await reader).toBe("through the pipe\n");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // A device node of our own (the null device's numbers; making one needs root, as CI runs).
    const device = join(sub, "null");
    if (spawnSync("mknod", [device, "c", "1", "3"]).status === 0) {
      await writeFileAtomic(device, "discarded\n");
      expect(lstatSync(device).isCharacterDevice()).toBe(true);
      rmSync(device);
    } else console.warn("cannot make a device node without root: that case is not exercised");
    expect(readdirSync(sub)).toEqual(["fifo"]);
  });

  it("keeps the mode and the symbolic link, and leaves no temporary file", async () => {
    const sub = mkdtempSync(join(dir, "keep-"));
    const real = join(sub, "real.policy");
    writeFileSync(real, MESSY);
    chmodSync(real, 0o640);
    symlinkSync(real, join(sub, "link.policy"));
    expect(await runCli(["fmt", "--write", join(sub, "link.policy")])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect(readFileSync(real, "utf8")).toBe(FORMATTED);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(sub, "link.policy")).isSymbolicLink()).toBe(true);
    expect(readdirSync(sub).sort()).toEqual(["link.policy", "real.policy"]);
  });

  it("refuses a target that is a directory, leaving nothing behind", async () => {
    const sub = mkdtempSync(join(dir, "dir-"));
    mkdirSync(join(sub, "out.jwt"));
    await expect(writeFileAtomic(join(sub, "out.jwt"), "x")).rejects.toMatchObject({ code: "EISDIR" });
    expect(await runCli(["token", "encode", "-", "-o", join(sub, "out.jwt")], MESSY)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${join(sub, "out.jwt")}: error: cannot write: is a directory\n`,
    });
    expect(readdirSync(sub)).toEqual(["out.jwt"]);
  });

  it("on a full disk: fmt --write leaves the policy whole, says why in one line, exits 2", async () => {
    const mount = tinyFileSystem("full", "size=64k");
    if (!mount) return;
    // Two copies of the policy do not fit: writing the formatted one beside the original fails.
    const policy = join(mount, "big.policy");
    const text = `version=1.0; authorizationrules { ${'c:[type=="a"] => permit(); '.repeat(1_300)}};`;
    writeFileSync(policy, text);
    expect(await runCli(["fmt", "--write", policy])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${policy}: error: cannot write: no space left on the device (ENOSPC); it is left as it was\n`,
    });
    expect(readFileSync(policy, "utf8")).toBe(text);
    expect(readdirSync(mount)).toEqual(["big.policy"]);
  });

  it("in a read-only directory: check --fix leaves the policy, says why in one line, exits 2", async () => {
    const root = process.getuid?.() === 0;
    const sub = root ? tinyFileSystem("readonly", "size=64k") : mkdtempSync(join(dir, "ro-"));
    if (!sub) return;
    const policy = join(sub, "p.policy");
    const broken = "version=1.0; authorizationrules { [type=\u201Cx\u201D] => permit(); };";
    if (root) {
      writeFileSync(policy, broken);
      execFileSync("mount", ["-o", "remount,ro", sub]);
    } else {
      writeFileSync(policy, broken);
      chmodSync(sub, 0o555);
    }
    const reason = root ? "read-only file system (EROFS)" : "permission denied";
    const result = await runCli(["check", "--fix", policy]);
    if (!root) chmodSync(sub, 0o755);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${policy}: error: cannot write: ${reason}; it is left as it was\n`);
    expect(readFileSync(policy, "utf8")).toBe(broken);
  });
});

describe("check --fix never writes text that still has syntax errors", () => {
  it("fixes what it can in memory, but leaves a file whose syntax errors remain as it was", async () => {
    const policy = join(dir, "still-broken.policy");
    // The curly quotes have a fix; an action missing after `=>` has none.
    const text =
      "version=1.0; authorizationrules { [type==\u201Cx\u201D] => permit(); };\nissuancerules { => ; };";
    writeFileSync(policy, text);
    const result = await runCli(["check", "--fix", policy]);
    expect(result.stderr).toBe(
      `${policy}: error: not fixed: syntax errors remain after fixing, so it is left as it was\n`,
    );
    expect(result.code).toBe(1);
    expect(readFileSync(policy, "utf8")).toBe(text);
  });
});

describe("a kill or a reader during fmt --write never sees a torn policy", () => {
  // About 2 MB on one line: formatting and writing it takes long enough to be interrupted.
  const rules = Array.from(
    { length: 12_000 },
    (_, i) => `c${i}:[type=="a${i}"] => issue(type="b", value=c${i}.value);`,
  );
  const MESSY_BIG = `version=1.0; authorizationrules { => permit(); }; issuancerules { ${rules.join(" ")} };`;
  const target = join(dir, "interrupted.policy");
  const formatted = () => {
    writeFileSync(target, MESSY_BIG);
    const run = spawnSync(process.execPath, [BIN, "fmt", target], { encoding: "utf8", maxBuffer: 1 << 26 });
    expect(run.status).toBe(0);
    return run.stdout;
  };
  const whole = (text: string, expected: string) => text === MESSY_BIG || text === expected;
  const leftovers = () =>
    readdirSync(dir).filter((name) => name.includes("interrupted.policy") && name !== "interrupted.policy");

  it("kill -9 at moments all through the write: the policy is the original or the formatted text", async () => {
    const FORMATTED_BIG = formatted();
    for (const delay of [30, 90, 150, 250, 400, 600, 900]) {
      writeFileSync(target, MESSY_BIG);
      const child = spawn(process.execPath, [BIN, "fmt", "--write", target], { stdio: "ignore" });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill("SIGKILL");
      await exited;
      const text = readFileSync(target, "utf8");
      expect(whole(text, FORMATTED_BIG), `after ${delay} ms: ${text.length} characters`).toBe(true);
      // A kill may leave the temporary file beside it (docs/limits.md), never a torn policy.
      for (const name of leftovers()) rmSync(join(dir, name));
    }
  }, 60_000);

  it("a reader during the write sees the original or the formatted text, never part of it", async () => {
    const FORMATTED_BIG = formatted();
    writeFileSync(target, MESSY_BIG);
    const child = spawn(process.execPath, [BIN, "fmt", "--write", target], { stdio: "ignore" });
    let running = true;
    const exited = new Promise((resolve) => child.once("exit", resolve)).then(() => (running = false));
    let reads = 0;
    while (running && reads < 5_000) {
      const text = readFileSync(target, "utf8");
      expect(whole(text, FORMATTED_BIG), `read ${reads}: ${text.length} characters`).toBe(true);
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await exited;
    expect(readFileSync(target, "utf8")).toBe(FORMATTED_BIG);
    expect(leftovers()).toEqual([]);
  }, 60_000);
});
