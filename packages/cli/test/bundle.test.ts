import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { spawnCli } from "./run-cli.js";
import { tempDir } from "../../../test/support/temp-dir.js";

// `policy-eval` runs from an esbuild bundle (packages/cli/build.mjs), where a dependency can
// break in ways the in-process tests, which run the sources, never see (a CommonJS module losing
// its exports, a polyfill evaluated too late). Every command runs here once from the built bin,
// down the paths that load its dependencies: JMESPath, YAML, X.509 and JOSE.
const dir = tempDir("policy-eval-bundle-");
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const policy = write(
  "policy.txt",
  'version=1.2;\nauthorizationrules { => permit(); };\nissuancerules { c:[type=="x-ms-runtime"] => issue(type="nonce", value=JsonToClaimValue(JmesPath(c.value, "nonce"))); };\n',
);
const claims = write("claims.json", '[{"type":"x-ms-runtime","value":"{\\"nonce\\":\\"abc\\"}"}]');

// Through minimatch too: the project config's glob gives the attestation type.
write("maa-policy.json", JSON.stringify({ attestationType: { "*.txt": "SgxEnclave" } }));

describe("the bundled policy-eval", () => {
  it("check", () => {
    expect(spawnCli(["check", policy])).toEqual({
      code: 0,
      stdout: "1 file checked: no problems.\n",
      stderr: "",
    });
  });

  it("eval, through JMESPath", () => {
    expect(spawnCli(["eval", policy, "--claims", claims])).toEqual({
      code: 0,
      stdout: 'permitted: 1 claim issued\n  nonce: "abc"\n',
      stderr: "",
    });
  });

  it("test, through YAML, and a YAML error located", () => {
    const file = write(
      "p.test.yaml",
      'policy: policy.txt\ntests:\n  - claims: [{ type: x-ms-runtime, value: \'{"nonce":"abc"}\' }]\n    expect: { outcome: permit, issued: { nonce: abc } }\n',
    );
    expect(spawnCli(["test", file]).code).toBe(0);
    const broken = write("broken.test.yaml", "a: b: c\n  - x\n");
    const result = spawnCli(["test", broken]);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(`${broken}:1:`)).toBe(true);
  });

  it("fmt", () => {
    const result = spawnCli(["fmt", policy]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("version=1.2;\n\nauthorizationrules\n{\n")).toBe(true);
  });

  it("token encode and decode, through X.509 and JOSE", () => {
    const token = spawnCli(["token", "encode", policy]);
    expect(token.code).toBe(0);
    expect(token.stdout.startsWith("eyJhbGciOiJub25lIn0.")).toBe(true);
    const decoded = spawnCli(["token", "decode", "-"], token.stdout);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toContain("JmesPath(c.value");
  });

  it("hash", () => {
    const result = spawnCli(["hash", policy]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^x-ms-policy-hash {8}[A-Za-z0-9_-]{43}\nx-ms-policy-token-hash {2}[A-Za-z0-9_-]{43}\n$/,
    );
  });

  it("claims, on evidence that is not a quote", () => {
    const result = spawnCli(["claims", write("not-a-quote.bin", "hello")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("InvalidQuote");
  });
});

// Cold start (issue 18): eval and check load only what they use. The X.509 stack is some fifty
// CommonJS modules, nearly half of a start; NODE_DEBUG=module names every CommonJS module loaded.
describe("what a command loads at start", () => {
  const x509 = (args: string[]) =>
    spawnCli(args, undefined, { NODE_DEBUG: "module" })
      .stderr.split("\n")
      .filter((line) => /@peculiar|asn1js|tsyringe|reflect-metadata/.test(line)).length;

  it("eval and check never load the X.509 library; the token commands do", () => {
    expect([x509(["eval", policy, "--claims", claims]), x509(["check", policy])]).toEqual([0, 0]);
    expect(x509(["token", "encode", policy])).toBeGreaterThan(0);
  });
});

// ANTLR (antlr4ng and the generated lexer and parser) builds its state machines when loaded, a
// third of a start; a valid policy never needs it (issue 18). esbuild puts it in chunks of its own,
// loaded on demand; a module hook records the files a run loads, and the bundle's metafile says
// which sources each chunk holds.
describe("ANTLR, loaded only for a syntax error", () => {
  const hooks = write(
    "hooks.mjs",
    'import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) {\n  appendFileSync(process.env.LOADED_LOG, url + "\\n");\n  return next(url, context);\n}\n',
  );
  const register = write(
    "register.mjs",
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const metafile = JSON.parse(
    readFileSync(new URL("../dist/bundle/metafile.json", import.meta.url), "utf8"),
  ) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const sources = new Map(
    Object.entries(metafile.outputs).map(([file, output]) => [basename(file), Object.keys(output.inputs)]),
  );
  const antlr = (source: string) =>
    /node_modules\/antlr4|generated\/MaaPolicy(Lexer|Parser)\.ts$/.test(source);
  let runs = 0;
  const run = (args: string[]) => {
    const log = join(dir, `loaded-${runs++}.txt`);
    writeFileSync(log, "");
    const result = spawnCli(args, undefined, {
      NODE_OPTIONS: `--import=${pathToFileURL(register).href}`,
      LOADED_LOG: log,
    });
    const urls = readFileSync(log, "utf8").split("\n");
    const chunks = urls.filter((url) => url.includes("/dist/bundle/"));
    expect(chunks.length).toBeGreaterThan(3);
    const loaded = chunks.flatMap((url) => sources.get(basename(new URL(url).pathname)) ?? []);
    return { result, antlr: loaded.filter(antlr), builtins: urls.filter((url) => url.startsWith("node:")) };
  };

  it("eval of a valid policy loads none of it, nor node:crypto (~8 ms)", () => {
    const { result, antlr, builtins } = run(["eval", policy, "--claims", claims]);
    expect(result.code).toBe(0);
    expect(antlr).toEqual([]);
    expect(builtins).not.toContain("node:crypto");
    expect(builtins).toContain("node:fs/promises");
  });

  it("check loads it only for a file with a syntax error, and gives ANTLR's exact message there", () => {
    const valid = run(["check", policy, policy]);
    expect(valid.result.code).toBe(0);
    expect(valid.antlr).toEqual([]);
    const broken = write("broken-check.txt", "version=1.2;\nauthorizationrules { => permit() };\n");
    const { result, antlr } = run(["check", policy, broken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("extraneous input '}' expecting ';'");
    expect(antlr).toContain("../../node_modules/antlr4ng/dist/index.mjs");
  });

  it("eval of a policy with a syntax error loads it, for ANTLR's exact message", () => {
    const broken = write("broken.txt", "version=1.2;\nauthorizationrules { => permit() };\n");
    const { result, antlr } = run(["eval", broken, "--claims", claims]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${broken}:2:34: error extraneous-input: extraneous input '}' expecting ';'\n`,
    );
    expect(antlr).toContain("../../node_modules/antlr4ng/dist/index.mjs");
  });
});
