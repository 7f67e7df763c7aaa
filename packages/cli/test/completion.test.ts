import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/support/temp-dir.js";
import { BIN, spawnCli } from "./run-cli.js";

// Each script runs in its own shell, against the built bin put on PATH as `policy-eval`, the way
// a user's shell would run it at each Tab.
const bin = tempDir("policy-eval-completion-");
symlinkSync(BIN, join(bin, "policy-eval"));
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };

function script(shell: string): string {
  const result = spawnCli(["completion", shell]);
  expect([result.code, result.stderr]).toEqual([0, ""]);
  const path = join(bin, `completion.${shell}`);
  writeFileSync(path, result.stdout);
  return path;
}

const has = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;

function run(shell: string, code: string): string {
  const result = spawnSync(shell, ["-c", code], { encoding: "utf8", env, cwd: bin });
  expect(result.stderr).toBe("");
  return result.stdout;
}

describe("policy-eval completion bash", () => {
  const path = script("bash");
  /** COMPREPLY after Tab at the end of `line`, as bash's completion machinery sets it up. */
  const complete = (line: string) => {
    const words = line.split(" ");
    const setup = `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=${line.length}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length - 1}`;
    return run("bash", `source ${path}; ${setup}; _policy-eval_completion; printf '%s\\n' "\${COMPREPLY[@]}"`)
      .split("\n")
      .filter(Boolean);
  };

  it("registers with file names as the fallback", () => {
    expect(run("bash", `source ${path}; complete -p policy-eval`)).toBe(
      "complete -o default -F _policy-eval_completion policy-eval\n",
    );
  });

  it.each([
    ["policy-eval ch", ["check"]],
    ["policy-eval t", ["test", "token"]],
    ["policy-eval token ", ["encode", "reset", "decode", "verify", "help"]],
    ["policy-eval check --format s", ["service", "sarif"]],
    ["policy-eval check --format=j", ["--format=json"]],
    ["policy-eval check --st", ["--strict"]],
    ["policy-eval test --q", ["--quiet"]],
    ["policy-eval completion ", ["bash", "zsh", "fish"]],
    // Files: an empty answer, so bash completes file names itself.
    ["policy-eval check ", []],
    ["policy-eval eval x.policy --claims ", []],
  ])("%s", (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });
});

describe.runIf(has("zsh"))("policy-eval completion zsh", () => {
  const path = script("zsh");

  it("is valid zsh", () => {
    expect(run("zsh", `zsh -n ${path} && echo ok`)).toBe("ok\n");
  });

  // zsh filters the candidates itself (_describe), so the script is given all of them.
  it.each([
    [
      "policy-eval ch",
      ["check:check policies for syntax errors and mistakes, in the service's own words"],
      12, // every command: zsh filters them itself
    ],
    ["policy-eval fmt --ch", ["--check:list the files that are not formatted and exit 1 if any"], 9],
    ["policy-eval check --format ", ["sarif"], 4],
    ["policy-eval check ", ["files"], 1],
  ])("%s", (line, expected, count) => {
    // compsys stand-ins: _describe prints its candidates, _files says it was called.
    const stubs = "compdef() { :; }; _describe() { print -rl -- ${(P)2}; }; _files() { print files; }";
    const words = line.split(" ");
    const setup = `words=(${words.map((w) => `'${w}'`).join(" ")}); CURRENT=${words.length}; BUFFER='${line}'; CURSOR=${line.length}`;
    const out = run("zsh", `${stubs}; source ${path}; ${setup}; _policy-eval_completion`).split("\n");
    expect(out.filter((l) => expected.includes(l))).toEqual(expected);
    expect(out.filter(Boolean).length).toBe(count);
  });
});

describe.runIf(has("fish"))("policy-eval completion fish", () => {
  const path = script("fish");

  // fish 3.6's `commandline` reads nothing outside an interactive prompt, so only its parser runs
  // here; docs/cli.md says how the script was tried at a prompt.
  it("is valid fish and registers the completion", () => {
    expect(run("fish", `fish --no-execute ${path}; and source ${path}; and complete -c policy-eval`)).toBe(
      "complete --no-files policy-eval -d policy-eval -a '(_policy-eval_completion)'\n",
    );
  });
});

if (!has("zsh") || !has("fish"))
  console.warn(
    "completion.test.ts: zsh or fish is not installed; their scripts were not run (apt-get install zsh fish)",
  );

it("refuses a shell it has no script for", () => {
  expect(spawnCli(["completion", "tcsh"])).toEqual({
    code: 2,
    stdout: "",
    stderr:
      "policy-eval: error: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n",
  });
});
