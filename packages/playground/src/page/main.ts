import { formatDocument, LSPClient } from "@codemirror/lsp-client";
import type { EditorView } from "@codemirror/view";
import { ATTESTATION_KINDS, attestationKind, checkerAttestationType } from "../attestation-kinds.js";
import { policyEditor } from "../editor/policy-editor.js";
import { marksFromTrace, setRuleMarks } from "../editor/rule-marks.js";
import { RUN_REQUEST, type RunParams, type RunResult } from "../engine/protocol.js";
import { claimsEditor, showClaimsCheck } from "./claims-editor.js";
import { byId, h } from "./dom.js";
import { wireEvidence } from "./evidence-input.js";
import { example } from "./examples.js";
import { fixAll } from "./fix-all.js";
import { problemsList } from "./problems.js";
import { renderResult } from "./result-view.js";
import { decodeState, encodeState, type PlaygroundState } from "./share.js";
import { startWorker, workerTransport } from "./worker-transport.js";

const POLICY_URI = "playground:///policy.txt";
/** Evaluate this long after the last change to the policy, claims or type. */
const EVALUATE_DELAY = 250;

async function main(): Promise<void> {
  const worker = startWorker();
  worker.addEventListener("error", (event) => {
    byId("verdict").textContent = `The engine could not start: ${event.message}`;
  });
  const client = new LSPClient({ timeout: 15_000 }).connect(workerTransport(worker));
  const typeSelect = byId<HTMLSelectElement>("attestation-type");
  const exampleSelect = byId<HTMLSelectElement>("example");
  for (const kind of ATTESTATION_KINDS) {
    typeSelect.append(h("option", { value: kind.id }, kind.label));
    exampleSelect.append(h("option", { value: kind.id }, kind.label));
  }
  exampleSelect.prepend(h("option", { value: "" }, "Choose…"));
  exampleSelect.value = "";

  const shared = await decodeState(location.hash);
  const shareStatus = byId("share-status");
  if (shared && "error" in shared) shareStatus.textContent = shared.error;
  const initial = shared && !("error" in shared) ? shared : example("sgx");

  let evaluation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void evaluate(), EVALUATE_DELAY);
  };
  const policy: EditorView = policyEditor({
    parent: byId("policy-editor"),
    client,
    uri: POLICY_URI,
    doc: initial.policy,
    onChange: schedule,
    extensions: [problemsList(byId("problems"))],
  });
  const claims = claimsEditor(byId("claims-editor"), initial.claims, schedule);
  const replace = (view: EditorView, text: string) =>
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });

  const state = (): PlaygroundState => ({
    policy: policy.state.doc.toString(),
    claims: claims.state.doc.toString(),
    type: typeSelect.value,
  });
  const setType = (id: string) => {
    const kind = attestationKind(id) ?? ATTESTATION_KINDS[0];
    typeSelect.value = kind.id;
    client.notification("workspace/didChangeConfiguration", {
      settings: { maaPolicy: { attestationType: checkerAttestationType(kind) } },
    });
    schedule();
  };
  const load = (next: PlaygroundState) => {
    replace(policy, next.policy);
    replace(claims, next.claims);
    setType(next.type);
  };

  async function evaluate() {
    const id = ++evaluation;
    const current = state();
    const params: RunParams = {
      policy: current.policy,
      claims: current.claims,
      tokenAttestationType: attestationKind(current.type)?.token,
    };
    const result = await client.request<RunParams, RunResult>(RUN_REQUEST, params).catch((error: unknown) => {
      byId("verdict").textContent = `The engine failed: ${String(error)}`;
      return undefined;
    });
    if (!result || id !== evaluation) return;
    showClaimsCheck(claims, result.claims, byId("claims-status"));
    const trace = result.evaluation?.kind === "evaluated" ? result.evaluation.trace : [];
    if (policy.state.doc.toString() === current.policy)
      policy.dispatch({ effects: setRuleMarks.of(marksFromTrace(policy.state.doc, trace)) });
    renderResult(result, byId("verdict"), byId("result"), (rule) => {
      const line = policy.state.doc.line(Math.min(rule.range.start.line + 1, policy.state.doc.lines));
      policy.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
      policy.focus();
    });
    document.body.dataset.evaluated = String(id);
  }

  typeSelect.addEventListener("change", () => setType(typeSelect.value));
  exampleSelect.addEventListener("change", () => {
    const chosen = attestationKind(exampleSelect.value);
    if (chosen) load(example(chosen.id));
    exampleSelect.value = "";
  });
  byId("format").addEventListener("click", () => formatDocument(policy));
  byId("fix-all").addEventListener("click", () => void fixAll(policy));
  byId("share").addEventListener("click", () => {
    void encodeState(state()).then((fragment) => {
      history.replaceState(null, "", fragment);
      const link = h("input", {
        type: "text",
        readonly: "",
        value: location.href,
        "aria-label": "Share link",
      });
      shareStatus.replaceChildren(`Link updated (${fragment.length} characters): `, link);
      link.select();
      void navigator.clipboard?.writeText(location.href).catch(() => undefined);
    });
  });
  wireEvidence({
    client,
    dropZone: byId("claims-pane"),
    setClaims: (text, kind) => {
      replace(claims, text);
      if (kind) setType(kind);
    },
  });
  setType(initial.type);
}

void main();
