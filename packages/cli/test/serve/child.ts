import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BIN } from "../run-cli.js";

/** `policy-eval serve` in a child process, as a user runs it (the built bin). */
export interface Child {
  readonly process: ChildProcess;
  readonly endpoint: string;
  readonly ca: string;
  /** The start-up lines on stdout. */
  readonly banner: string[];
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<number | string>;
}

/** Children still running when the test process ends (a failed or timed-out test) are killed with it. */
const running = new Set<ChildProcess>();
process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));

export function spawnServe(dataDir: string, args: readonly string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--data-dir", dataDir, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? -1);
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split("\n");
      // The banner is complete when its five lines are out.
      if (lines.length <= 5) return;
      const port = /^listening on https:\/\/localhost:(\d+)$/m.exec(stdout)?.[1];
      if (!port) return reject(new Error(`no listening line in: ${stdout}`));
      resolve({
        process: child,
        endpoint: `https://localhost:${port}`,
        ca: readFileSync(join(dataDir, "tls", "ca.pem"), "utf8"),
        banner: lines.slice(0, 5),
        stderr: () => stderr,
        exited,
      });
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}
