import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createUnsignedPolicyToken, policyHash, policyTokenHash } from "@maa-policy/tokens";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../src/command-ids.js";
import { createVscodeStub, textDocument, type Recorded } from "./vscode-stub.js";
import { tempDir } from "../../../test/support/temp-dir.js";

// The packaged extension, run as VS Code would run it, with a stand-in for the `vscode` module:
// activate() starts the bundled server over stdio and the commands talk to it.
const root = fileURLToPath(new URL("..", import.meta.url));
const policyPath = fileURLToPath(new URL("../../../examples/sgx-enclave.policy", import.meta.url));
const policyText = readFileSync(policyPath, "utf8");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bundled server: the child of this process running dist/server.cjs (Linux `ps`). */
function serverPid(): number {
  const lines = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  const line = lines.split("\n").find((entry) => entry.includes("dist/server.cjs"));
  return Number(line?.trim().split(/\s+/)[0]);
}

interface Extension {
  activate(context: object): Promise<void>;
  deactivate(): Promise<void>;
}

let files: Record<string, Uint8Array>;
let extension: Extension;
let recorded: Recorded;
const Module = createRequire(import.meta.url)("node:module") as {
  _load: (request: string, ...rest: unknown[]) => unknown;
};
const load = Module._load;

beforeAll(() => {
  // The same command as `npm run package`, so the test proves what a user installs.
  execFileSync("npm", ["run", "package"], { cwd: root, stdio: "pipe", timeout: 120_000 });
  files = unzipSync(readFileSync(join(root, "maa-policy.vsix")));
}, 150_000);

describe("the .vsix", () => {
  it("holds the manifest, the grammars, the two bundles, the icon and the changelog, nothing else", () => {
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/LICENSE.txt",
      "extension/changelog.md",
      "extension/dist/extension.cjs",
      "extension/dist/icon.png",
      "extension/dist/server.cjs",
      "extension/language-configuration.json",
      "extension/package.json",
      "extension/readme.md",
      "extension/snippets/maa-policy.json",
      "extension/syntaxes/jmespath.tmLanguage.json",
      "extension/syntaxes/maa-policy.tmLanguage.json",
    ]);
  });

  it("leaves the parser to the server, and certificate code to neither: the client only decodes tokens", () => {
    const text = (name: string) => new TextDecoder().decode(files[`extension/dist/${name}.cjs`]);
    // antlr4ng's error message, and reflect-metadata (which the X.509 library needs), as markers.
    const has = (name: string) => [
      text(name).includes("mismatched input"),
      text(name).includes("Reflect.defineMetadata"),
    ];
    expect({ client: has("extension"), server: has("server") }).toEqual({
      client: [false, false],
      server: [true, false],
    });
  });
});

describe("the packaged extension against a stand-in vscode", () => {
  beforeAll(async () => {
    const dir = tempDir("maa-vsix-");
    for (const [name, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    const stub = createVscodeStub([textDocument(policyPath, "maa-policy")]);
    recorded = stub.recorded;
    const require = createRequire(import.meta.url);
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === "vscode" ? stub.vscode : load.call(this, request, ...rest);
    };
    extension = require(join(dir, "extension/dist/extension.cjs")) as Extension;
    const extensionPath = join(dir, "extension");
    // Resolves once the server answered initialize (vscode-languageclient's start()).
    await extension.activate({
      subscriptions: [],
      extensionPath,
      asAbsolutePath: (path: string) => join(extensionPath, path),
    });
  }, 30_000);

  afterAll(async () => {
    await extension?.deactivate();
    Module._load = load;
  });

  it("registers every command, and the client the server's code lens command", () => {
    expect([...recorded.commands.keys()]).toEqual([...COMMANDS, "maa-policy-lsp.evaluate"]);
  });

  it("shows the hashes the bundled server computes", async () => {
    await recorded.commands.get("maaPolicy.showHash")?.();
    const tokenHash = policyTokenHash(createUnsignedPolicyToken(policyText));
    expect(recorded.messages.at(-1)).toBe(
      `Policy hash (x-ms-policy-hash): ${policyHash(policyText)} · Token hash: ${tokenHash}`,
    );
  });

  it("copies the policy token", async () => {
    await recorded.commands.get("maaPolicy.encodeToken")?.();
    expect(recorded.clipboard.at(-1)).toBe(createUnsignedPolicyToken(policyText));
  });

  it("evaluates against the claims file beside the policy and shows the result", async () => {
    await recorded.commands.get("maaPolicy.evaluate")?.();
    const panel = recorded.webviews.at(-1);
    expect(panel?.title).toBe("Evaluation: sgx-enclave.policy");
    expect(panel?.html.match(/<h1.*<\/h1>/)?.[0]).toBe('<h1 class="permit">Permitted</h1>');
    expect(panel?.html.match(/<h2>Issued claims<\/h2>.*/)?.[0]).toBe(
      "<h2>Issued claims</h2><table><tr><th>type</th><th>value</th><th>valueType</th></tr>" +
        "<tr><td><code>enclave-measurement</code></td><td><code>&#34;b779202618becb636768e5d902f28d524222735fafb539ea9ba07c3fc171a1c2&#34;</code></td><td>String</td></tr>" +
        "<tr><td><code>enclave-svn</code></td><td><code>1</code></td><td>Integer</td></tr>" +
        "<tr><td><code>needs-update</code></td><td><code>true</code></td><td>Boolean</td></tr></table>",
    );
  });

  it("routes the server's Evaluate code lens command to the result panel", async () => {
    const uri = pathToFileURL(policyPath).href;
    // The panel of the test before is reused: blank it, so only this run can fill it.
    const panel = recorded.webviews.at(-1)!;
    panel.html = "";
    await recorded.commands.get("maa-policy-lsp.evaluate")?.({ uri });
    expect(panel.html.match(/<h1.*<\/h1>/)?.[0]).toBe('<h1 class="permit">Permitted</h1>');
  });

  it("registers the providers the server's capabilities announce", () => {
    expect(recorded.providers).toEqual([
      "registerCompletionItemProvider",
      "registerHoverProvider",
      "registerSignatureHelpProvider",
      "registerDefinitionProvider",
      "registerReferenceProvider",
      "registerDocumentHighlightProvider",
      "registerDocumentSymbolProvider",
      "registerCodeActionsProvider",
      "registerCodeLensProvider",
      "registerDocumentFormattingEditProvider",
      "registerDocumentRangeFormattingEditProvider",
      "registerRenameProvider",
      "registerFoldingRangeProvider",
      "registerSelectionRangeProvider",
      "registerDocumentSemanticTokensProvider",
      "registerInlayHintsProvider",
    ]);
  });

  it("restarts the server when it dies, even with a request racing its death", async () => {
    const before = recorded.providers.length;
    const pid = serverPid();
    process.kill(pid, "SIGKILL");
    // A request written to the dead server fails with EPIPE: that must not stop the client for
    // good (the default error handler did, leaving it "not running"; see src/client.ts).
    await recorded.commands.get("maaPolicy.showHash")?.();
    // vscode-languageclient restarts it and registers the providers again. Bounded, not timed: on
    // a loaded machine a restart can take long, so the bound is generous.
    for (let tries = 0; tries < 600 && recorded.providers.length < 2 * before; tries++) await sleep(100);
    expect(serverPid()).not.toBe(pid);
    recorded.messages.length = 0;
    await recorded.commands.get("maaPolicy.showHash")?.();
    expect(recorded.messages).toEqual([
      `Policy hash (x-ms-policy-hash): ${policyHash(policyText)} · Token hash: ${policyTokenHash(createUnsignedPolicyToken(policyText))}`,
    ]);
  }, 90_000);

  it("needed nothing unmodelled from window, workspace, env or commands but event subscriptions", () => {
    const calls = [...recorded.missing].filter((path) =>
      /^vscode\.(window|workspace|env|commands)\.(?!on)/.test(path),
    );
    expect(calls).toEqual([]);
  });
});
