import type { LSPClient } from "@codemirror/lsp-client";
import { base64UrlEncode } from "@maa-policy/tokens/encoding";
import { EVIDENCE_REQUEST, type EvidenceOutcome, type EvidenceParams } from "../engine/protocol.js";
import { byId } from "./dom.js";

/** Three base64url parts: an attestation token, which the claims pane takes as it is (as `eval --claims`). */
const TOKEN = /^\s*[\w-]+\.[\w-]+\.[\w-]*\s*$/;

/**
 * Evidence in: a file picked or dropped on the claims pane. A token goes to the claims pane as text;
 * a quote or report is verified in the worker (WebCrypto) with the runtime data options, and its
 * claims, as `policy-eval claims --format json` prints them, replace the claims pane's text.
 * Changing the runtime data verifies the last evidence again.
 */
export function wireEvidence(options: {
  client: LSPClient;
  dropZone: HTMLElement;
  setClaims: (text: string, kind?: "sgx" | "openenclave") => void;
}): void {
  const status = byId("evidence-status");
  const fileInput = byId<HTMLInputElement>("evidence-file");
  const runtimeInput = byId<HTMLInputElement>("runtime-file");
  const runtimeType = byId<HTMLSelectElement>("runtime-type");
  const runtimeEncoding = byId<HTMLSelectElement>("runtime-encoding");
  const checkedAt = byId<HTMLInputElement>("evidence-now");
  let evidence: Uint8Array | undefined;

  const verify = async () => {
    if (!evidence) return;
    status.textContent = "Verifying…";
    const runtime = runtimeInput.files?.[0];
    // As `--now`: evidence recorded long ago has certificates that expired since.
    const now = checkedAt.value === "" ? undefined : Date.parse(`${checkedAt.value}Z`) / 1000;
    const params: EvidenceParams = {
      evidence: base64UrlEncode(evidence),
      ...(now !== undefined && Number.isFinite(now) && { now }),
      ...(runtime && {
        runtimeData: {
          file: base64UrlEncode(new Uint8Array(await runtime.arrayBuffer())),
          dataType: runtimeType.value as "binary" | "json",
          encoding: runtimeEncoding.value as "raw" | "base64url",
        },
      }),
    };
    const outcome = await options.client
      .request<EvidenceParams, EvidenceOutcome>(EVIDENCE_REQUEST, params)
      .catch((error: unknown): EvidenceOutcome => ({ ok: false, message: String(error), warnings: [] }));
    const warnings = outcome.warnings.map((w) => `warning: ${w}`);
    if (!outcome.ok) {
      status.className = "status error";
      status.textContent = [outcome.message, ...warnings].join("\n");
      return;
    }
    status.className = "status ok";
    status.textContent = [
      `${outcome.kind === "sgx" ? "SGX quote" : "OpenEnclave report"}: claims below.`,
      ...outcome.summary,
      ...warnings,
    ].join("\n");
    options.setClaims(outcome.claimsJson, outcome.kind);
  };

  const load = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    if (TOKEN.test(text)) {
      evidence = undefined;
      status.className = "status ok";
      status.textContent =
        `${file.name}: an attestation token; its claims are the incoming claims. Its signature is not ` +
        "checked: the key is at the token's jku, which an offline page cannot fetch.";
      options.setClaims(text.trim());
      return;
    }
    evidence = bytes;
    await verify();
  };

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (file) void load(file);
  });
  for (const input of [runtimeInput, runtimeType, runtimeEncoding, checkedAt])
    input.addEventListener("change", () => void verify());
  options.dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    options.dropZone.classList.add("dropping");
  });
  options.dropZone.addEventListener("dragleave", () => options.dropZone.classList.remove("dropping"));
  options.dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    options.dropZone.classList.remove("dropping");
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    byId<HTMLDetailsElement>("evidence").open = true;
    void load(file);
  });
}
