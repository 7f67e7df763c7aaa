import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { main } from "../src/main.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `policy-eval` in-process, capturing what it writes; stdin can be given as text. */
export async function runCli(argv: readonly string[], stdin?: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const stdinSpy =
    stdin === undefined
      ? undefined
      : vi.spyOn(process.stdin, Symbol.asyncIterator).mockImplementation(function* () {
          yield Buffer.from(stdin, "utf8");
        } as unknown as () => NodeJS.AsyncIterator<Buffer>);
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    stdinSpy?.mockRestore();
  }
}

export const BIN = fileURLToPath(new URL("../bin/policy-eval.js", import.meta.url));

/** Runs the built bin in a child process, as a user would (needs `npm run build` first). */
export function spawnCli(argv: readonly string[], input?: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
