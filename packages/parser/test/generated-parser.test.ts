import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// The generated parser loads on demand (generated-parser.ts). The tests' setup file loads it for
// every test file, so these run the built entry in a process of its own, where nothing has.
const ENTRY = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const run = (script: string) => {
  const child = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", `import * as p from ${JSON.stringify(ENTRY)};\n${script}`],
    {
      encoding: "utf8",
    },
  );
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
};
const BROKEN = JSON.stringify("version=1.2;\nauthorizationrules { => permit() };\n");

it.runIf(existsSync(ENTRY))("a valid policy parses without the generated parser", () => {
  expect(
    run(
      `console.log(p.parsePolicy("version=1.0; authorizationrules { => permit(); };").diagnostics.length);`,
    ),
  ).toEqual({
    code: 0,
    stdout: "0\n",
    stderr: "",
  });
});

it.runIf(existsSync(ENTRY))(
  "the asynchronous entries load it for a syntax error, with ANTLR's message",
  () => {
    const result = run(
      `const a = await p.analyzePolicyAsync(${BROKEN});\nconsole.log(a.diagnostics[0].message);\nconsole.log((await p.parsePolicyAsync(${BROKEN})).diagnostics.length);`,
    );
    expect(result).toEqual({ code: 0, stdout: "extraneous input '}' expecting ';'\n2\n", stderr: "" });
  },
);

it.runIf(existsSync(ENTRY))(
  "the synchronous parse says what to call when it needs the generated parser",
  () => {
    const result = run(
      `try { p.parsePolicy(${BROKEN}); } catch (e) { console.log(e.message); }\nawait p.loadGeneratedParser();\nconsole.log(p.parsePolicy(${BROKEN}).diagnostics[0].message);`,
    );
    expect(result).toEqual({
      code: 0,
      stdout:
        "The generated parser is not loaded: await loadGeneratedParser() before parsing synchronously.\nextraneous input '}' expecting ';'\n",
      stderr: "",
    });
  },
);
