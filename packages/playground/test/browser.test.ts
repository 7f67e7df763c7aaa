import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { draftToken, evaluatePolicy } from "@maa-policy/evaluator";
import { analyzePolicy, type Claim } from "@maa-policy/parser";
import { decomposeJws, payloadObject } from "@maa-policy/tokens";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_FILES } from "../examples.mjs";
import { decodeState } from "../src/page/share.js";
import { artifactPath, findChromium, launch, SITE } from "./chromium.js";

const CHROMIUM = findChromium();
const CLI = new URL("../../cli/bin/policy-eval.js", import.meta.url).pathname;
const GROUND_TRUTH = new URL("../../../../shared/ground-truth/", import.meta.url).pathname;
const PAGE = pathToFileURL(join(SITE, "index.html")).href;
/** What the tests touch of the page's globals (the tests' TypeScript has no DOM library). */
interface PageGlobals {
  history: { replaceState(data: null, unused: string, url: string): void };
  location: { pathname: string; search: string; hash: string };
}
interface FocusedElement {
  id: string;
  getAttribute(name: string): string | null;
}
/** How long a condition may take to hold on a loaded 2-core machine; not a timing assertion. */
const WAIT = { timeout: 15_000 };
/** A problem's first line is the diagnostic; the language server adds the checker's hint below it. */
const firstLines = async (texts: Promise<string[]>) => (await texts).map((text) => text.split("\n")[0]);

if (!existsSync(GROUND_TRUTH))
  console.warn(`\n*** PLAYGROUND EVIDENCE TEST SKIPPED: ${GROUND_TRUTH} is absent ***\n`);
if (!CHROMIUM)
  console.warn("\n*** BROWSER TESTS SKIPPED: no Chromium (apt-get install chromium, or set CHROMIUM) ***\n");

describe.skipIf(!CHROMIUM)("the playground in headless Chromium", { timeout: 60_000 }, () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  beforeAll(async () => {
    if (!existsSync(join(SITE, "index.html"))) throw new Error(`${SITE} is not built: run npm run build`);
    browser = await launch(CHROMIUM!);
  }, 60_000);
  afterAll(async () => browser?.close());

  /** A fresh page; every request it makes is recorded, to prove it needs none beyond its own files. */
  async function open(url = PAGE): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForSelector("body[data-evaluated]");
    return { page, requests, errors };
  }
  const editorText = (page: Page, id: string) => page.locator(`#${id} .cm-content`).innerText();
  async function replaceText(page: Page, id: string, text: string) {
    await page.locator(`#${id} .cm-content`).click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(text);
  }
  /** The state as the Share button puts it in the link. */
  async function sharedState(page: Page) {
    // A page opened from a link has its fragment already: clear it, so the one read is the new one.
    await page.evaluate(() => {
      const { history, location } = globalThis as unknown as PageGlobals;
      history.replaceState(null, "", location.pathname + location.search);
    });
    await page.click("#share");
    // A function, not a string: the page's Content-Security-Policy refuses to evaluate strings.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.startsWith("#s1="));
    return decodeState(new URL(page.url()).hash);
  }

  it("opens from file:// and evaluates the bundled example: the verdict and issued claims of policy-eval eval", async () => {
    const { page, requests, errors } = await open();
    const files = EXAMPLE_FILES.sgx;
    const cli = spawnSync(
      process.execPath,
      [CLI, "eval", files.policy, "--claims", files.claims, "--format", "json"],
      {
        encoding: "utf8",
      },
    );
    const expected = JSON.parse(cli.stdout) as { issued: Claim[]; properties: Claim[] };
    const rows = async (id: string) =>
      Promise.all(
        (await page.locator(`#${id} tbody tr`).all()).map((tr) => tr.locator("td").allTextContents()),
      );
    const asRows = (claims: Claim[]) => claims.map((c) => [c.type, JSON.stringify(c.value), c.valueType]);
    expect(await page.locator("#verdict").textContent()).toBe("Permitted: 3 claims issued.");
    expect(await rows("issued")).toEqual(asRows(expected.issued));
    expect(await rows("properties")).toEqual(asRows(expected.properties));
    // The lines of the rules that fired are marked in the editor: the issueproperty, the permit
    // (4 lines), the 3 issues (the first on 2 lines).
    expect(await page.locator("#policy-editor .cm-rule-fired").count()).toBe(9);
    expect(await page.locator("#problems").textContent()).toBe("No problems.");
    expect(errors).toEqual([]);
    expect(requests.every((url) => /^(file|blob|data):/.test(url))).toBe(true);
    await page.screenshot({ path: artifactPath("desktop.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: artifactPath("phone.png") });
    await page.screenshot({ path: artifactPath("phone-full.png"), fullPage: true });
    await page.close();
  });

  it("keyboard: Tab goes through the controls in reading order, each with its label", async () => {
    const { page } = await open();
    const focused: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press("Tab");
      focused.push(
        await page.evaluate(() => {
          const { activeElement } = (globalThis as unknown as { document: { activeElement: FocusedElement } })
            .document;
          return activeElement.id || (activeElement.getAttribute("aria-label") ?? "");
        }),
      );
    }
    expect(focused).toEqual(["", "example", "attestation-type", "format", "fix-all", "share", "Policy text"]);
    for (const [label, id] of [
      ["Example", "example"],
      ["Attestation type", "attestation-type"],
      ["Evidence file", "evidence-file"],
      ["Runtime data type", "runtime-type"],
    ])
      expect(await page.getByLabel(label, { exact: false }).first().getAttribute("id")).toBe(id);
    expect(await page.getByRole("textbox", { name: "Incoming claims" }).count()).toBe(1);
    await page.close();
  });

  it("typing a policy with an error shows the checker's diagnostic in the service's words; Fix all fixes it", async () => {
    const { page } = await open();
    await replaceText(page, "policy-editor", "version=1.0;\nauthorizationrules\n{\n");
    await page.keyboard.type('[type="x-ms-sgx-is-debuggable", value==true] => deny();');
    const text = await editorText(page, "policy-editor");
    const expected = analyzePolicy(text).diagnostics.map((d) => d.message);
    expect(expected).toContain("mismatched input '=' expecting {'==', '!=', '<=', '>=', '<', '>'}");
    await expect
      .poll(() => firstLines(page.locator("#problems .problem").allTextContents()), WAIT)
      .toEqual(
        analyzePolicy(text).diagnostics.map(
          (d) =>
            `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}: ${d.message}`,
        ),
      );
    await page.click("#fix-all");
    await expect
      .poll(() => editorText(page, "policy-editor"), WAIT)
      .toContain('[type=="x-ms-sgx-is-debuggable"');
    await page.close();
  });

  it("accepts a completion: claim types of the attestation type", async () => {
    const { page } = await open();
    await replaceText(
      page,
      "policy-editor",
      'version=1.0;\nauthorizationrules\n{\n    [type=="x-ms-sgx-mrsi',
    );
    await page.keyboard.press("Control+Space");
    await page.locator(".cm-tooltip-autocomplete li", { hasText: "x-ms-sgx-mrsigner" }).first().waitFor();
    // CodeMirror ignores Enter for 75 ms after the list appears (interactionDelay), as a person is slower.
    await page.waitForTimeout(150);
    await page.keyboard.press("Enter");
    await expect.poll(() => editorText(page, "policy-editor"), WAIT).toContain('[type=="x-ms-sgx-mrsigner"');
    await page.close();
  });

  it("a share link restores the policy, claims and type", async () => {
    const { page } = await open();
    await page.selectOption("#example", "tpm");
    await replaceText(
      page,
      "policy-editor",
      'version=1.0;\nauthorizationrules { [type=="secureBootEnabled", value==true] => permit(); };\n',
    );
    await page.selectOption("#attestation-type", "vbs");
    const state = await sharedState(page);
    expect(state).toEqual({
      policy: 'version=1.0;\nauthorizationrules { [type=="secureBootEnabled", value==true] => permit(); };\n',
      claims: readFileSync(EXAMPLE_FILES.tpm.claims, "utf8"),
      type: "vbs",
    });
    const link = page.url();
    await page.close();
    const reopened = await open(link);
    expect(await sharedState(reopened.page)).toEqual(state);
    expect(await reopened.page.locator("#attestation-type").inputValue()).toBe("vbs");
    expect(await reopened.page.locator("#verdict").textContent()).toBe("Permitted: 0 claims issued.");
    await reopened.page.close();
  });

  it.runIf(existsSync(GROUND_TRUTH))(
    "the recorded SGX quote, verified in the page, gives the recorded claims",
    async () => {
      const { page } = await open();
      const recorded = readFileSync(join(GROUND_TRUTH, "java-rec-draftpolicy-attest-sgx.jwt"), "utf8").trim();
      const parts = decomposeJws(recorded);
      const payload = parts.ok ? payloadObject(parts.value) : undefined;
      if (!payload?.ok) throw new Error("the recorded token does not decode");
      const token = payload.value;
      await page.click("#evidence summary");
      await page.setInputFiles("#runtime-file", join(GROUND_TRUTH, "runtime-data.b64url"));
      await page.selectOption("#runtime-type", "json");
      await page.selectOption("#runtime-encoding", "base64url");
      // The service attested it at the token's iat; its PCK certificate expires in 2028.
      await page.fill("#evidence-now", new Date((token.iat as number) * 1000).toISOString().slice(0, 19));
      await page.setInputFiles("#evidence-file", join(GROUND_TRUTH, "sgx-quote.b64url"));
      await expect
        .poll(() => page.locator("#evidence-status").textContent())
        .toMatch(/^SGX quote: claims below\.\nverified offline: PCK chain to 'CN=Intel SGX Root CA/);
      const state = await sharedState(page);
      if (!state || "error" in state) throw new Error("no state");
      const claims = JSON.parse(state.claims) as Claim[];
      const fromEvidence = Object.fromEntries(
        Object.entries(token).filter(
          ([key]) =>
            (key.startsWith("x-ms-sgx-") && key !== "x-ms-sgx-collateral") ||
            ["x-ms-attestation-type", "x-ms-runtime"].includes(key),
        ),
      );
      // Through the draft token, the claims the service's token shows for them.
      const draftPolicy = "version=1.0; authorizationrules{=> permit();}; issuancerules{};";
      const evaluated = await evaluatePolicy(draftPolicy, claims);
      if (!evaluated.ok) throw new Error("the draft policy does not load");
      const draft = draftToken(evaluated.result, { policyText: draftPolicy, now: token.iat as number });
      if (!draft.ok) throw new Error(draft.error.message);
      const shown = Object.fromEntries(Object.keys(fromEvidence).map((key) => [key, draft.body[key]]));
      expect(shown).toEqual(fromEvidence);
      expect(state.type).toBe("sgx");
      await page.close();
    },
  );

  it("works served by policy-eval playground too", async () => {
    const server: ChildProcess = spawn(process.execPath, [CLI, "playground", "--port", "0"]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout!.on("data", (chunk: Buffer) => {
          const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString())?.[0];
          if (found) resolve(found);
        });
        server.on("exit", () => reject(new Error("policy-eval playground exited")));
      });
      const { page, requests } = await open(url);
      expect(await page.locator("#verdict").textContent()).toBe("Permitted: 3 claims issued.");
      expect(requests.every((r) => r.startsWith(url) || /^(blob|data):/.test(r))).toBe(true);
      await page.close();
    } finally {
      server.kill();
    }
  });
});
