import type { RuleTrace } from "@maa-policy/evaluator";
import { serviceError, type ServiceError } from "@maa-policy/parser";
import {
  ErrorCodes,
  InlayHintKind,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type CodeLens,
  type InlayHint,
} from "vscode-languageserver";
import type { ClaimsFiles } from "../claims-file.js";
import { abortedError, EvaluationAborted } from "../evaluation-aborted.js";
import type { EvaluationRunner } from "../evaluation-runner.js";
import { toRange } from "../convert.js";
import { EVALUATE_COMMAND, EVALUATE_REQUEST, type EvaluateParams, type EvaluateResult } from "../protocol.js";
import type { Workspace } from "../workspace.js";
import { evaluationMessage } from "./evaluation-message.js";

/** What Evaluate needs from its host: claims files to read, and a worker to evaluate in. */
export interface EvaluationHost {
  readonly files: ClaimsFiles;
  readonly runner: EvaluationRunner;
}

/**
 * `maaPolicy/evaluate`, the server command `maa-policy-lsp.evaluate` (the code lens's, for any
 * client), and inlay hints that show, after an evaluation, which rules fired (while the text is
 * unchanged). Evaluation runs in the runner's worker, with a deadline and a heap limit, and
 * `$/cancelRequest` ends it.
 */
export function register(ws: Workspace, host: EvaluationHost, inlayRefresh: boolean): void {
  const { connection } = ws;
  const traces = new Map<string, { version: number; trace: readonly RuleTrace[] }>();

  const run = async (params: EvaluateParams, token?: CancellationToken): Promise<EvaluateResult> => {
    const result = await evaluate(ws, host, params, token);
    const version = ws.documents.get(params.uri)?.version;
    if (version !== undefined) {
      traces.set(params.uri, { version, trace: result.trace });
      if (inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    }
    return result;
  };
  connection.onRequest(EVALUATE_REQUEST, run);
  connection.onExecuteCommand(async ({ command, arguments: args }, token) => {
    const params = args?.[0] as EvaluateParams | undefined;
    if (command !== EVALUATE_COMMAND || typeof params?.uri !== "string")
      return new ResponseError(ErrorCodes.InvalidParams, `${command} takes one argument, { uri }.`);
    const result = await run(params, token);
    const { permitted, message, details } = evaluationMessage(params.uri, result);
    // A notification, not the library's show*Message (a request: clients would ask for a reply).
    void connection.sendNotification(ShowMessageNotification.type, {
      type: permitted ? MessageType.Info : MessageType.Error,
      message,
    });
    connection.console.log(`${message}\n${details}`);
    return result;
  });

  connection.onCodeLens(({ textDocument }): CodeLens[] => {
    const policy = ws.model(textDocument.uri)?.analysis.policy;
    const range = toRange(policy?.version?.range ?? { start: zero, end: zero });
    return [
      {
        range,
        command: { title: "▶ Evaluate", command: EVALUATE_COMMAND, arguments: [{ uri: textDocument.uri }] },
      },
    ];
  });

  connection.languages.inlayHint.on(({ textDocument }): InlayHint[] => {
    const last = traces.get(textDocument.uri);
    if (!last || ws.documents.get(textDocument.uri)?.version !== last.version) return [];
    return last.trace.map((rule) => ({
      position: toRange(rule.range).end,
      label: rule.error ? " ✗ error" : rule.fired ? " ✓ fired" : " · not fired",
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
    }));
  });
  ws.documents.onDidClose(({ document }) => traces.delete(document.uri));
}

const zero = { line: 0, character: 0, offset: 0 };

async function evaluate(
  ws: Workspace,
  { files, runner }: EvaluationHost,
  params: EvaluateParams,
  token: CancellationToken | undefined,
): Promise<EvaluateResult> {
  const failed = (error: ServiceError, claimsUri?: string): EvaluateResult => ({
    verdict: "error",
    issued: [],
    properties: [],
    trace: [],
    error,
    ...(claimsUri && { claimsUri }),
  });
  const open = ws.documents.get(params.uri);
  const source = open ? { text: open.getText() } : await files.read(params.uri);
  if ("error" in source) return failed(serviceError("InvalidParameter", source.error));
  const settings = await ws.settingsFor(params.uri);
  const claimsUri = await files.find(params.uri, params.claimsUri, settings.claimsFile, ws.folders);
  if (!claimsUri)
    return failed(
      serviceError(
        "InvalidParameter",
        "No claims file: set maaPolicy.claimsFile or put <name>.claims.json beside the policy.",
      ),
    );
  const claimsText = await files.read(claimsUri);
  if ("error" in claimsText) return failed(serviceError("InvalidParameter", claimsText.error), claimsUri);
  try {
    const outcome = await runner.run({ policyText: source.text, claimsText: claimsText.text }, (cancel) => {
      if (token?.isCancellationRequested) cancel();
      else token?.onCancellationRequested(cancel);
    });
    return { ...outcome, claimsUri };
  } catch (error) {
    if (!(error instanceof EvaluationAborted)) throw error;
    if (error.reason === "cancelled")
      throw new ResponseError(LSPErrorCodes.RequestCancelled, "The evaluation was cancelled.");
    return failed(abortedError(error.reason, runner), claimsUri);
  }
}
