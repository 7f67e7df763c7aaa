import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BIN } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

// The repository integrations the README documents: the pre-commit hooks (.pre-commit-hooks.yaml)
// run by pre-commit itself on a sample repository, and the composite Action's steps (action.yml)
// run as a runner would run them.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const UNFORMATTED = "version=1.0; authorizationrules{=>permit();};";
const FORMATTED = "version=1.0;\n\nauthorizationrules\n{\n    => permit();\n};\n";
const BROKEN = "version=1.0\nauthorizationrules { => permit(); };\n";

/** A sample repository of policies with a test file, in git. */
function sampleRepository(policies: Record<string, string>): string {
  const repo = tempDir("policy-eval-sample-repo-");
  for (const [name, text] of Object.entries(policies)) {
    mkdirSync(join(repo, name, ".."), { recursive: true });
    writeFileSync(join(repo, name), text);
  }
  writeFileSync(join(repo, "ok.test.yaml"), "policy: ok.policy\ntests:\n  - claims: {}\n");
  for (const args of [
    ["init", "-q"],
    ["add", "."],
  ])
    spawnSync("git", args, { cwd: repo });
  return repo;
}

const bin = tempDir("policy-eval-hooks-bin-");
symlinkSync(BIN, join(bin, "policy-eval"));
const env = {
  ...process.env,
  PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
  PRE_COMMIT_HOME: tempDir("policy-eval-pre-commit-home-"),
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
  NO_COLOR: "1",
};
const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;
if (!hasPreCommit)
  console.warn(
    "repository-hooks.test.ts: pre-commit is not installed; the hooks were not run (apt-get install pre-commit)",
  );

describe.runIf(hasPreCommit)(".pre-commit-hooks.yaml, run by pre-commit", () => {
  const tryRepo = (repo: string, hook: string) =>
    spawnSync("pre-commit", ["try-repo", ROOT, hook, "--all-files", "--color", "never"], {
      cwd: repo,
      env,
      encoding: "utf8",
    });

  it("maa-policy-check passes good policies and fails a broken one, naming it", () => {
    const good = sampleRepository({ "ok.policy": FORMATTED });
    expect(tryRepo(good, "maa-policy-check").status).toBe(0);
    const bad = sampleRepository({ "ok.policy": FORMATTED, "policies/broken.policy": BROKEN });
    const result = tryRepo(bad, "maa-policy-check");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "policies/broken.policy:2:1: error missing-token: missing ';' at 'authorizationrules'",
    );
  });

  it("maa-policy-fmt rewrites an unformatted policy and fails, as formatters do", () => {
    const repo = sampleRepository({ "ok.policy": UNFORMATTED });
    expect(tryRepo(repo, "maa-policy-fmt").status).toBe(1);
    expect(readFileSync(join(repo, "ok.policy"), "utf8")).toBe(FORMATTED);
    expect(tryRepo(repo, "maa-policy-fmt").status).toBe(0);
  });

  it("maa-policy-test runs the repository's test files", () => {
    expect(tryRepo(sampleRepository({ "ok.policy": FORMATTED }), "maa-policy-test").status).toBe(0);
  });
});

describe("action.yml, its steps run as a runner runs them", () => {
  interface Step {
    id: string;
    run?: string;
    env?: Record<string, string>;
  }
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Step[] };
  };

  /** Runs the check and test steps (node and the build are the runner's and npm ci's). */
  function runAction(repo: string, inputs: Record<string, string> = {}) {
    const values = {
      ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])),
      ...inputs,
    };
    const expand = (text: string) =>
      text
        .replaceAll("${{ github.action_path }}", ROOT.replace(/\/$/, ""))
        .replace(/\$\{\{ inputs\.(\w+) \}\}/g, (_m, name: string) => values[name] ?? "");
    return action.runs.steps
      .filter((step) => step.id === "check" || (step.id === "test" && values.tests !== ""))
      .map((step) => {
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
        return spawnSync("bash", ["-e", "-c", step.run!], {
          cwd: repo,
          env: { ...env, ...stepEnv },
          encoding: "utf8",
        });
      });
  }

  it("is a composite action whose inputs reach the scripts only through env", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps) expect(step.run ?? "").not.toContain("${{");
  });

  it("writes SARIF and runs the tests: exit 0 for a good repository", () => {
    const repo = sampleRepository({ "ok.policy": FORMATTED });
    const [check, test] = runAction(repo);
    expect([check.status, check.stderr, test.status]).toEqual([0, "", 0]);
    const sarif = JSON.parse(readFileSync(join(repo, "policy-eval.sarif"), "utf8")) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0].results).toEqual([]);
  });

  it("fails the check on a broken policy, with the finding in the SARIF, and still runs the tests", () => {
    const repo = sampleRepository({ "ok.policy": FORMATTED, "broken.policy": BROKEN });
    const [check, test] = runAction(repo, {
      paths: "ok.policy broken.policy",
      sarif: "out/report.sarif",
      strict: "true",
    });
    expect([check.status, test.status]).toEqual([1, 0]);
    const sarif = JSON.parse(readFileSync(join(repo, "out/report.sarif"), "utf8")) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    expect(
      sarif.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]),
    ).toEqual([["missing-token", "broken.policy"]]);
  });
});
